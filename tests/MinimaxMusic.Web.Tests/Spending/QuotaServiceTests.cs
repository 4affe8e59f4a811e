using MinimaxMusic.Web.Tests.Infrastructure;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.Spending;

namespace MinimaxMusic.Web.Tests.Spending;

/// <summary><see cref="QuotaService"/> over a real, migrated SQLite file with seeded songs and a fake clock.</summary>
public sealed class QuotaServiceTests : IDisposable
{
    private const string Member = SpendingDatabase.Member;
    private const string Other = SpendingDatabase.Other;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 22, 30, 0, TimeSpan.Zero));
    private readonly SpendingDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CountsTodaysAcceptedAndSubmittingSongs_OfThatPersonOnly()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        Seed(Member, now.AddHours(-1), GenerationStatus.Completed, "up-1");
        Seed(Member, now.AddHours(-2), GenerationStatus.Failed, "up-2"); // accepted, then failed: the vendor may have charged
        Seed(Member, now, GenerationStatus.Submitting, null);
        Seed(Member, now, GenerationStatus.Failed, null); // refused before the vendor accepted it: free
        Seed(Member, now.Date.AddSeconds(-1), GenerationStatus.Completed, "up-3"); // yesterday
        Seed(Other, now, GenerationStatus.Completed, "up-4");

        var usage = await Service(limit: 3).UsageAsync(Member, Token);

        Assert.Equal(new QuotaUsage(3, 3), usage);
        Assert.Equal("You have made 3 of your 3 songs today; the limit resets at 00:00 UTC.", await Service(limit: 3).CheckAsync(Member, Token));
        Assert.Null(await Service(limit: 4).CheckAsync(Member, Token));
    }

    [Fact]
    public async Task TheNextUtcDay_StartsAFreshCount()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        Seed(Member, now, GenerationStatus.Completed, "up-1");
        Seed(Member, now, GenerationStatus.Queued, "up-2");
        Assert.NotNull(await Service(limit: 2).CheckAsync(Member, Token));

        _clock.Advance(TimeSpan.FromHours(1.5)); // 00:00 UTC has passed

        Assert.Equal(new QuotaUsage(0, 2), await Service(limit: 2).UsageAsync(Member, Token));
        Assert.Null(await Service(limit: 2).CheckAsync(Member, Token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public async Task NoLimit_IsUnlimited(int? configured)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < 25; i++)
        {
            Seed(Member, now, GenerationStatus.Completed, $"up-{i}");
        }

        Assert.Null(await Service(configured).CheckAsync(Member, Token));
        Assert.Equal(new QuotaUsage(25, null), await Service(configured).UsageAsync(Member, Token));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10001)]
    public void AnOutOfRangeLimit_IsRefusedNamingTheKey(int configured)
    {
        var options = new QuotaOptions { SongsPerUserPerDay = configured };
        var results = new List<ValidationResult>();
        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Equal("Quotas:SongsPerUserPerDay must be between 0 and 10000 (0 = no limit).", Assert.Single(results).ErrorMessage);
    }

    private QuotaService Service(int? limit)
    {
        var options = Options.Create(new QuotaOptions { SongsPerUserPerDay = limit });
        return new(_db, options, _clock, new QuotaGate(), new BudgetService(_db, options, _clock));
    }

    private void Seed(string ownerId, DateTime createdAtUtc, GenerationStatus status, string? upstreamId) =>
        _db.Add(new SongBuilder
        {
            Id = Guid.NewGuid(),
            Title = "Song",
            Lyrics = "Song",
            ReferenceAudioUrl = "https://example.com/reference.mp3",
            OwnerId = ownerId,
            CreatedAtUtc = createdAtUtc,
            Status = status,
            UpstreamId = upstreamId,
        }.Build());
}
