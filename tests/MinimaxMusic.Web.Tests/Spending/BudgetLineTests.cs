using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.Spending;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Spending;

/// <summary>The signed-in person's month of spending against Quotas:UsdPerUserPerMonth, as the Create page shows it.</summary>
public sealed class BudgetLineTests : AppServicesContext
{
    private decimal? Budget { get; set; }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<QuotaOptions>(o => o.UsdPerUserPerMonth = Budget);

    [Fact]
    public void WithABudget_ShowsWhatWasSpentOfIt_CountingSongsNotBilledYet()
    {
        Budget = 5m;
        var me = SignIn(MemberEmail);
        Seed(me, GenerationStatus.Completed, 1.20m);
        Seed(me, GenerationStatus.Generating, null, ModelCatalog.Music26);
        Seed(SignIn("someone-else@example.test"), GenerationStatus.Completed, 3.00m);
        SignIn(MemberEmail);

        var line = Render<BudgetLine>();

        line.WaitForAssertion(() => Assert.Equal("$1.40 of $5.00 this month (about $0.20 of it for a song not billed yet)",
            line.Find(".budget-usage").TextContent.Trim()));
    }

    [Fact]
    public void FollowsThePersonsSongs_AsTheyAreSent()
    {
        Budget = 5m;
        var me = SignIn(MemberEmail);
        var line = Render<BudgetLine>();
        line.WaitForAssertion(() => Assert.Equal("$0.00 of $5.00 this month", line.Find(".budget-usage").TextContent.Trim()));

        var song = Seed(me, GenerationStatus.Completed, 4.95m);
        Services.GetRequiredService<GenerationNotifier>().Publish(new(song.Id, song.Status));

        line.WaitForAssertion(() => Assert.Equal("$4.95 of $5.00 this month", line.Find(".budget-usage").TextContent.Trim()));
    }

    [Fact]
    public void WithoutABudget_ShowsNothing()
    {
        Seed(SignIn(MemberEmail), GenerationStatus.Completed, 1.20m);

        var line = Render<BudgetLine>();

        Assert.Empty(line.FindAll(".budget-usage"));
    }

    private Generation Seed(string ownerId, GenerationStatus status, decimal? usd, string model = ModelCatalog.Legacy)
    {
        var song = new SongBuilder
        {
            OwnerId = ownerId,
            CreatedAtUtc = DateTime.UtcNow,
            Request = new SongRequest(model, Lyrics: "La la la"),
            Status = status,
            UpstreamId = $"up-{Guid.NewGuid():N}",
            UsdSpent = usd,
        }.Build();
        using var db = Database.CreateDbContext();
        db.Generations.Add(song);
        db.SaveChanges();
        return song;
    }
}
