using MinimaxMusic.Web.Tests.Infrastructure;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.History;

namespace MinimaxMusic.Benchmarks;

/// <summary>
/// HistoryService.QueryAsync against 10,000 songs in the app's real SQLite file (migrated by the app itself),
/// resolved from the real host's container. Each benchmark is one call as the History page makes it.
/// </summary>
[MemoryDiagnoser]
public class HistoryBenchmarks : IDisposable
{
    public const int Songs = 10_000;

    private BenchmarkApp? _app;
    private AsyncServiceScope _scope;
    private HistoryService? _history;

    [GlobalSetup]
    public void Setup()
    {
        _app = new BenchmarkApp(new Dictionary<string, string?>
        {
            ["AimlApi:ApiKey"] = "benchmark-key",
            ["AimlApi:BaseUrl"] = "http://127.0.0.1:9/",
        }, kestrel: false);
        SeedAsync(_app, Songs).GetAwaiter().GetResult();
        _scope = _app.CreateScope();
        ActAsReaderAsync(_scope.ServiceProvider).GetAwaiter().GetResult();
        _history = _scope.ServiceProvider.GetRequiredService<HistoryService>();
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _app is not null)
        {
            _scope.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _app = null;
        }
    }

    [Benchmark(Baseline = true, Description = "first page, no filter")]
    public Task<int> FirstPage() => RunAsync(new HistoryQuery());

    [Benchmark(Description = "search 'harbour' (title or lyrics), first page")]
    public Task<int> Search() => RunAsync(new HistoryQuery(Search: "harbour"));

    [Benchmark(Description = "status Failed, first page")]
    public Task<int> StatusFilter() => RunAsync(new HistoryQuery(Status: GenerationStatus.Failed));

    [Benchmark(Description = "page 200, no filter")]
    public Task<int> Page200() => RunAsync(new HistoryQuery(Page: 200));

    internal static IReadOnlyList<(string Name, HistoryQuery Query)> Queries =>
    [
        ("first page, no filter", new HistoryQuery()),
        ("search 'harbour' (title or lyrics), first page", new HistoryQuery(Search: "harbour")),
        ("status Failed, first page", new HistoryQuery(Status: GenerationStatus.Failed)),
        ("page 200, no filter", new HistoryQuery(Page: 200)),
    ];

    internal HistoryService Service => _history!;

    private async Task<int> RunAsync(HistoryQuery query) => (await _history!.QueryAsync(query)).Items.Count;

    /// <summary>
    /// The history is read for someone signed in (it shows nobody nothing): a team member's account, signed in to this
    /// scope the way a circuit is, with the principal Identity makes (so the open-page re-check keeps it signed in).
    /// </summary>
    private static async Task ActAsReaderAsync(IServiceProvider scope)
    {
        // A fresh database has no roles until the first admin is set up; made here the way setup makes them.
        var roles = scope.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var name in AccountRoles.All.Where(name => !roles.Roles.Any(r => r.Name == name)))
        {
            await roles.CreateAsync(new IdentityRole(name));
        }

        var users = scope.GetRequiredService<UserManager<AppUser>>();
        var (reader, errors) = await users.CreateAccountAsync("reader@example.test", "a long benchmark passphrase", AccountRoles.Member, DateTime.UtcNow);
        if (reader is null)
        {
            throw new InvalidOperationException($"Could not make the benchmark's reader: {string.Join(" ", errors)}");
        }

        var principal = await scope.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(reader);
        ((IHostEnvironmentAuthenticationStateProvider)scope.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
    }

    /// <summary>
    /// 10,000 songs over the past year in one transaction: 85 % completed and archived (with waveform peaks),
    /// 8 % failed, 5 % timed out, 2 % still running (no poll due, so the poller stays idle), 5 % favourites.
    /// </summary>
    internal static async Task SeedAsync(BenchmarkApp app, int count)
    {
        await using var scope = app.CreateScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var random = new Random(42);
        var start = DateTime.UtcNow.AddDays(-365);
        var peaks = Enumerable.Range(0, Waveform.DefaultBucketCount).Select(i => (float)Math.Abs(Math.Sin(i / 7.0))).ToArray();
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < count; i++)
        {
            var lyrics = SongLyrics.For(i);
            var created = start.AddSeconds(365.0 * 24 * 3600 * i / count + random.Next(0, 60));
            var roll = random.NextDouble();
            var status = roll < 0.85 ? GenerationStatus.Completed
                : roll < 0.93 ? GenerationStatus.Failed
                : roll < 0.98 ? GenerationStatus.TimedOut
                : roll < 0.99 ? GenerationStatus.Queued : GenerationStatus.Generating;
            var id = Guid.CreateVersion7(new DateTimeOffset(created, TimeSpan.Zero));
            var completed = status == GenerationStatus.Completed;
            var g = new SongBuilder
            {
                Id = id,
                Title = Generation.TitleFrom(lyrics),
                Lyrics = lyrics,
                ReferenceAudioUrl = "https://cdn.example.com/references/harbour-demo.mp3",
                UpstreamId = $"{Guid.NewGuid()}:minimax-music",
                Status = status,
                CreatedAtUtc = created,
                SubmittedAtUtc = created.AddSeconds(1),
                IsFavourite = random.NextDouble() < 0.05,
                GeneratingAtUtc = completed ? created.AddSeconds(10) : null,
                FinishedAtUtc = status switch
                {
                    GenerationStatus.Completed => created.AddSeconds(60),
                    GenerationStatus.Failed => created.AddSeconds(40),
                    _ => created.AddMinutes(15),
                },
                CreditsUsed = completed ? 120_000 : null,
                AudioUrl = $"https://cdn.example.com/files/{Guid.NewGuid():N}_output.mp3",
                AudioContentType = "audio/mpeg",
                AudioFileSize = 1_400_000,
                ArchivedFileName = completed ? $"{id:N}.mp3" : null,
                ArchivedSize = completed ? 1_400_000 : null,
                ArchivedSha256 = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray()),
                DurationSeconds = 55 + random.NextDouble() * 5,
                WaveformPeaks = Waveform.Encode(peaks),
                ErrorName = "GenerationError",
                ErrorMessage = status == GenerationStatus.TimedOut
                    ? "No result from the AIML service after 15 minutes; it will be checked a few more times in case it finishes late."
                    : "The model could not generate music for these lyrics.",
            }.Build();
            db.Generations.Add(g);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
