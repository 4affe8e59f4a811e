using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Web.Features.Spending;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Spending;

/// <summary>
/// Quotas:UsdPerUserPerMonth (<see cref="BudgetService"/>, enforced through <see cref="QuotaService"/>) over a real,
/// migrated SQLite file with seeded songs and a fake clock in December.
/// </summary>
public sealed class BudgetServiceTests : IDisposable
{
    private const string Member = SpendingDatabase.Member;
    private const string Other = SpendingDatabase.Other;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 20, 18, 0, 0, TimeSpan.Zero));
    private readonly SpendingDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Spending_IsTheReportedCosts_PlusTypicalPricesOfSongsNotBilledYet_OfThisMonthAndPersonOnly()
    {
        Seed(Member, Now.AddDays(-19), GenerationStatus.Completed, usd: 1.00m); // 1 December
        Seed(Member, Now.AddHours(-1), GenerationStatus.Failed, usd: 0.50m); // the vendor charged a failed song: it says so
        Seed(Member, Now, GenerationStatus.Queued, usd: null); // in flight, legacy: $0.10 held
        Seed(Member, Now, GenerationStatus.Submitting, usd: null, ModelCatalog.Music26); // being sent: $0.20 held
        Seed(Member, Now, GenerationStatus.Failed, usd: null, upstreamId: "up-failed"); // failed, no bill: never charged
        Seed(Member, Now, GenerationStatus.Failed, usd: null, upstreamId: null); // refused before the vendor took it
        Seed(Member, new DateTime(2026, 11, 30, 23, 59, 59, DateTimeKind.Utc), GenerationStatus.Completed, usd: 3.00m); // November
        Seed(Other, Now, GenerationStatus.Completed, usd: 2.00m);

        var usage = await Service(budget: 5m).UsageAsync(Member, Token);

        Assert.Equal(1.80m, usage.Spent);
        Assert.Equal(0.30m, usage.Estimated);
        Assert.Equal(2, usage.EstimatedSongs);
        Assert.Equal("$1.80 of $5.00 this month", usage.Display);
        Assert.False(usage.IsExhausted);
    }

    [Fact]
    public async Task AtTheBudget_ASubmitIsRefused_SayingWhatWasSpentAndWhenItResets()
    {
        Seed(Member, Now.AddDays(-2), GenerationStatus.Completed, usd: 4.90m);
        Seed(Member, Now, GenerationStatus.Generating, usd: null); // $0.10 held: $5.00 in all

        var refusal = await Quotas(budget: 5m).CheckAsync(Member, ModelCatalog.Find(ModelCatalog.Legacy), Token);

        Assert.Equal("You have spent $5.00 of your $5.00 budget this month; it resets on 1 January.", refusal);
        Assert.Null(await Quotas(budget: 5m).CheckAsync(Other, ModelCatalog.Find(ModelCatalog.Legacy), Token));
    }

    [Fact]
    public async Task ASongWhoseTypicalPriceDoesNotFit_IsRefused_WhileACheaperModelStillFits()
    {
        Seed(Member, Now.AddDays(-2), GenerationStatus.Completed, usd: 4.85m);

        var dear = await Quotas(budget: 5m).CheckAsync(Member, ModelCatalog.Find(ModelCatalog.Music26), Token);
        var cheap = await Quotas(budget: 5m).CheckAsync(Member, ModelCatalog.Find(ModelCatalog.Legacy), Token);

        Assert.Equal("You have spent $4.85 of your $5.00 budget this month, and a minimax/music-2.6 song costs about $0.20; "
                     + "it resets on 1 January.", dear);
        Assert.Null(cheap);
    }

    [Fact]
    public async Task TheHeldCheck_RefusesOverBudget_EvenWithoutADailyLimit()
    {
        Seed(Member, Now, GenerationStatus.Completed, usd: 1.00m);

        using var hold = await Quotas(budget: 1m).HoldAsync(Member, ModelCatalog.Find(ModelCatalog.Legacy), Token);

        Assert.Equal("You have spent $1.00 of your $1.00 budget this month; it resets on 1 January.", hold.Refusal);
    }

    [Fact]
    public async Task TheDailyLimit_IsSaidFirst_WhenBothAreReached()
    {
        Seed(Member, Now, GenerationStatus.Completed, usd: 1.00m);

        var refusal = await Quotas(budget: 1m, dailyLimit: 1).CheckAsync(Member, ModelCatalog.Find(ModelCatalog.Legacy), Token);

        Assert.Equal("You have made 1 of your 1 songs today; the limit resets at 00:00 UTC.", refusal);
    }

    [Fact]
    public async Task ANewUtcMonth_StartsAFreshBudget()
    {
        Seed(Member, Now, GenerationStatus.Completed, usd: 5.00m);
        Assert.NotNull(await Quotas(budget: 5m).CheckAsync(Member, ModelCatalog.Find(ModelCatalog.Legacy), Token));

        _clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 0, 1, TimeSpan.Zero));

        Assert.Null(await Quotas(budget: 5m).CheckAsync(Member, ModelCatalog.Find(ModelCatalog.Music26), Token));
        Assert.Equal(0m, (await Service(budget: 5m).UsageAsync(Member, Token)).Spent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public async Task NoBudget_RefusesNothing(int? configured)
    {
        Seed(Member, Now, GenerationStatus.Completed, usd: 500m);

        Assert.False(Service(configured).IsEnabled);
        Assert.Null(await Quotas(configured).CheckAsync(Member, ModelCatalog.Find(ModelCatalog.Music26), Token));
        using var hold = await Quotas(configured).HoldAsync(Member, ModelCatalog.Find(ModelCatalog.Music26), Token);
        Assert.Null(hold.Refusal);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("100000.01")]
    public void AnOutOfRangeBudget_IsRefusedNamingTheKey(string configured)
    {
        var options = new QuotaOptions { UsdPerUserPerMonth = decimal.Parse(configured, System.Globalization.CultureInfo.InvariantCulture) };
        var results = new List<ValidationResult>();
        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Equal("Quotas:UsdPerUserPerMonth must be between 0 and 100000 US dollars, e.g. 5.00 (0 = no budget).",
            Assert.Single(results).ErrorMessage);
    }

    private BudgetService Service(decimal? budget) => new(_db, Options.Create(new QuotaOptions { UsdPerUserPerMonth = budget }), _clock);

    private QuotaService Quotas(decimal? budget, int? dailyLimit = null)
    {
        var options = Options.Create(new QuotaOptions { UsdPerUserPerMonth = budget, SongsPerUserPerDay = dailyLimit });
        return new(_db, options, _clock, new QuotaGate(), new BudgetService(_db, options, _clock));
    }

    private void Seed(string ownerId, DateTime createdAtUtc, GenerationStatus status, decimal? usd, string model = ModelCatalog.Legacy,
        string? upstreamId = "")
    {
        var id = Guid.NewGuid();
        _db.Add(new SongBuilder
        {
            Id = id,
            Request = new SongRequest(model, Lyrics: "La la la"),
            OwnerId = ownerId,
            CreatedAtUtc = createdAtUtc,
            Status = status,
            // "" means: accepted by the vendor under an id of its own; null: refused before it took the song.
            UpstreamId = upstreamId == "" ? $"up-{id:N}" : upstreamId,
            UsdSpent = usd,
        }.Build());
    }
}
