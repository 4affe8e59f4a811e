using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Generations;

/// <summary>
/// One pass of the real poller, counted at the database: however many songs are due — to poll or to archive
/// again — finding them costs one query.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PollerPassTests
{
    [Fact]
    public async Task APassWithADuePollAndADueArchiveRetry_FindsBothWithOneQuery_AndHandlesBoth()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var simulator = await SimulatorServer.StartAsync(
            new SimulatorOptions { GenerationTime = TimeSpan.Zero }, cancellationToken: ct);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = TestApp.FastPolling();
        settings["AimlApi:BaseUrl"] = simulator.BaseAddress.ToString();
        settings["AimlApi:ApiKey"] = "test-key";
        await using var app = new FakeClockApp(settings, clock);
        var reference = new Uri(simulator.BaseAddress, SimulatorEndpoints.SampleReferencePath.TrimStart('/')).ToString();

        var service = app.CreateGenerationService();
        var first = (await service.SubmitAsync("Morning light\nOn the bay", reference, ct)).GenerationId!.Value;
        var second = (await service.SubmitAsync("Evening tide\nOn the shore", reference, ct)).GenerationId!.Value;
        clock.Advance(TimeSpan.FromSeconds(1));
        await app.WaitForAsync(first, g => g.IsArchived);
        await app.WaitForAsync(second, g => g.IsArchived);

        // The archive worker wakes the loop when it is done; let that last pass finish before anything is made due.
        var queue = app.Services.GetRequiredService<ArchiveQueue>();
        while (queue.IsPending(first) || queue.IsPending(second))
        {
            await Task.Delay(20, ct);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(300), ct);

        // Now the first is due for a poll again and the second's local copy is due to be saved again.
        var now = clock.GetUtcNow().UtcDateTime;
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await db.Generations.Where(g => g.Id == first).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.Status, GenerationStatus.Generating)
                .SetProperty(g => g.ArchivedAtUtc, (DateTime?)null)
                .SetProperty(g => g.NextPollAtUtc, now)
                .SetProperty(g => g.FinishedAtUtc, (DateTime?)null), ct);
            await db.Generations.Where(g => g.Id == second).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.ArchivedAtUtc, (DateTime?)null)
                .SetProperty(g => g.NextArchiveAtUtc, now), ct);
        }

        // The background loop sleeps on the fake clock, which does not move from here on; nothing wakes it until the
        // archive worker finishes with what the pass below hands it, which is after the pass has returned.
        var poller = app.Services.GetServices<IHostedService>().OfType<GenerationPoller>().Single();
        var pollsBefore = simulator.State.PollRequests;
        var downloadsBefore = simulator.State.AudioRequests;

        using var commands = new CommandRecorder(app.DataDirectory);
        // Only what this pass itself runs (its async flow) is counted, not the archive worker's own loads.
        CommandRecorder.InThisFlow.Value = true;
        await poller.RunPassAsync(ct);
        CommandRecorder.InThisFlow.Value = false;
        var duringPass = commands.Texts;
        await app.WaitForAsync(first, g => g.IsArchived);
        await app.WaitForAsync(second, g => g.IsArchived);

        // One query found both; the archive worker loads each song it saves by its key, off the pass.
        var selects = duringPass.Where(text => text.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).ToList();
        var passQuery = Assert.Single(selects);
        Assert.Contains("NextPollAtUtc", passQuery, StringComparison.Ordinal);
        Assert.Contains("NextArchiveAtUtc", passQuery, StringComparison.Ordinal);
        Assert.Equal(pollsBefore + 1, simulator.State.PollRequests);
        Assert.Equal(downloadsBefore + 2, simulator.State.AudioRequests);
        var polled = await service.GetAsync(first, ct);
        Assert.Equal(GenerationStatus.Completed, polled!.Status);
        Assert.Equal(now, polled.LastPolledAtUtc);
    }

    /// <summary>Every SQL command EF Core runs against one app's database file.</summary>
    private sealed class CommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _dataDirectory;
        private readonly ConcurrentQueue<string> _texts = new();
        private readonly List<IDisposable> _subscriptions = [];

        /// <summary>Set by the test around the code it measures; commands run elsewhere (other flows) are ignored.</summary>
        public static readonly AsyncLocal<bool> InThisFlow = new();

        public CommandRecorder(string dataDirectory)
        {
            _dataDirectory = dataDirectory;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public IReadOnlyList<string> Texts => [.. _texts];

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            // Other tests run their own apps in this process at the same time: only this app's file counts.
            if (InThisFlow.Value && value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data
                && data.Command.Connection is DbConnection connection
                && connection.DataSource.Contains(_dataDirectory, StringComparison.Ordinal))
            {
                _texts.Enqueue(data.Command.CommandText);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
