using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Tests.Simulator;
using MinimaxMusic.Web.Upstream;
using Refit;

namespace MinimaxMusic.Web.Tests.Upstream;

/// <summary>
/// The app's own Refit client (key handler, resilience) over real HTTP to the simulator on loopback: the tracing header
/// goes out, the tracing and cost headers come back, and the request log finds a submit whose answer was lost.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AimlApiClientAgainstSimulatorTests : IAsyncLifetime
{
    private static System.Text.Json.Nodes.JsonObject Refused()
    {
        var body = Song;
        body["prompt"] = "";
        return body;
    }

    private static System.Text.Json.Nodes.JsonObject Song => ModelRules.Body(
        ModelCatalog.Find(ModelCatalog.Legacy)!, new SongRequest(ModelCatalog.Legacy, Lyrics: SimulatorHarness.Lyrics, ReferenceUrl: SimulatorHarness.Reference));

    private SimulatorHarness _sim = null!;
    private IAimlApi _client = null!;
    private ServiceProvider? _services;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sim = await SimulatorHarness.StartAsync();
        (_client, _services) = UpstreamClientHarness.Create(_sim.Server.BaseAddress, SimulatorHarness.Key);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task Submit_SendsTheGenerationIdAsClientRequestId_AndReadsTheInferenceIdAndCostBack()
    {
        var generationId = Guid.CreateVersion7();

        var answer = await _client.SubmitAsync(Song, generationId.ToString(), Token).ToOutcomeAsync();

        Assert.Equal("queued", answer.Status);
        Assert.EndsWith(":minimax-music", answer.Id, StringComparison.Ordinal);
        Assert.Equal(answer.Id, answer.InferenceId);
        Assert.Equal(120_000, answer.CreditsUsed);
        Assert.Equal(0.06m, answer.UsdSpent);
        Assert.Equal(1, _sim.State.AcceptedByClientRequestId[generationId.ToString()]);
    }

    [Fact]
    public async Task ListLogs_FindsTheSubmitByItsClientRequestId_WithItsGenerationIdAndCost()
    {
        var generationId = Guid.CreateVersion7().ToString("N");
        var answer = await _client.SubmitAsync(Song, generationId, Token).ToOutcomeAsync();
        await Assert.ThrowsAsync<ApiException>(() => _client.SubmitAsync(Refused(), "refused", Token).ToOutcomeAsync());

        var page = await _client.ListLogsAsync(period: "1h", models: ["minimax-music"], statuses: [LogEntry.SucceededStatus], cancellationToken: Token);

        var entry = Assert.Single(page.Data);
        Assert.True(entry.Succeeded);
        Assert.Equal(generationId, entry.ClientRequestId);
        Assert.Equal(answer.Id, entry.InferenceId);
        Assert.Equal(new LogCost(0.06m, 120_000), entry.Cost);
        Assert.Equal(SimulatorHarness.Start, entry.Created);
        Assert.Equal("minimax-music", entry.Model);
        Assert.Equal(new LogsPagination(50, 0, 1, false), page.Pagination);
    }

    [Fact]
    public async Task ListLogs_WithAStartAndEnd_SendsAWindowTheVendorAccepts()
    {
        await _client.SubmitAsync(Song, "in-window", Token).ToOutcomeAsync();

        var page = await _client.ListLogsAsync(
            start: SimulatorHarness.Start.AddMinutes(-1).ToOffset(TimeSpan.FromHours(-5)),
            end: SimulatorHarness.Start.AddMinutes(1),
            cancellationToken: Token);

        Assert.Equal("in-window", Assert.Single(page.Data).ClientRequestId);
    }

    [Fact]
    public async Task Submit_WhoseAnswerIsLost_IsNotResent_AndTheLogStillNamesItsGeneration()
    {
        var generationId = Guid.CreateVersion7().ToString();
        _sim.State.ArmSubmitFaults(SimulatedFault.LoseAnswer());

        await Assert.ThrowsAsync<HttpRequestException>(() => _client.SubmitAsync(Song, generationId, Token).ToOutcomeAsync());

        Assert.Equal(1, _sim.State.SubmitRequests);
        Assert.Equal(1, _sim.State.GenerationsCreated);
        var entry = Assert.Single((await _client.ListLogsAsync(period: "1h", cancellationToken: Token)).Data);
        Assert.Equal(generationId, entry.ClientRequestId);
        Assert.True(entry.Succeeded);
        var poll = await _client.PollAsync(entry.InferenceId, Token);
        Assert.Equal("queued", poll.Status);
    }

    [Fact]
    public async Task ListLogs_WhenTheLogFailsOnEveryAttempt_ThrowsAnApiExceptionAfterTheUsualRetries()
    {
        // A read is safe to retry: the client makes 1 + AimlApi:MaxRetries (3) attempts before giving up.
        _sim.State.ArmLogFaults(Enumerable.Repeat(SimulatedFault.Status(500), 4).ToArray());

        var error = await Assert.ThrowsAsync<ApiException>(() => _client.ListLogsAsync(period: "1h", cancellationToken: Token));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(4, _sim.State.LogRequests);
        Assert.True(UpstreamFailure.From(error).IsTransient);
    }

    [Fact]
    public async Task ListLogs_WhenTheLogFailsOnce_IsAnsweredByTheRetry()
    {
        await _client.SubmitAsync(Song, "retried", Token).ToOutcomeAsync();
        _sim.State.ArmLogFaults(SimulatedFault.Status(500));

        var page = await _client.ListLogsAsync(period: "1h", cancellationToken: Token);

        Assert.Equal("retried", Assert.Single(page.Data).ClientRequestId);
        Assert.Equal(2, _sim.State.LogRequests);
    }

    [Fact]
    public async Task ListLogs_RateLimited_SurfacesThe429WithoutRetrying()
    {
        _sim.State.ArmLogFaults(SimulatedFault.Status(429, retryAfter: TimeSpan.FromSeconds(5)));

        var error = await Assert.ThrowsAsync<ApiException>(() => _client.ListLogsAsync(period: "1h", cancellationToken: Token));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), error.Headers.RetryAfter?.Delta);
        Assert.Equal(1, _sim.State.LogRequests);
    }

    [Fact]
    public async Task ListLogs_IsCountedAsALogReadNotAsAPoll()
    {
        var factory = _services!.GetRequiredService<IMeterFactory>();
        var kinds = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "minimaxmusic.upstream.calls" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            kinds.Enqueue(string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))));
        listener.Start();

        await _client.ListLogsAsync(period: "1h", cancellationToken: Token);

        Assert.Equal(["kind=logs,outcome=200"], kinds);
    }

    [Fact]
    public async Task ListLogs_WithAnInvalidWindow_ThrowsTheVendorsValidationError()
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => _client.ListLogsAsync(period: "93d", cancellationToken: Token));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.StartsWith("Query validation error!", UpstreamFailure.From(error).Message, StringComparison.Ordinal);
    }
}
