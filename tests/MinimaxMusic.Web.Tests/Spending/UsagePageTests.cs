using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Spending;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Spending;

/// <summary>
/// The admins' Usage page over seeded songs on a real SQLite file, with the clock in late November 2026: the month's
/// dollars by day, member and model as the vendor reported them, and what is not known said, never shown as $0.
/// </summary>
public sealed class UsagePageTests : AppServicesContext
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services) => services.ReplaceClock(_clock);

    [Fact]
    public void AnAdmin_SeesThisMonthsTotals_ByDayMemberAndModel_WithTheUnbilledSongsCountedAndSaid()
    {
        var admin = SignIn(AdminEmail, AccountRoles.Admin);
        var member = SignIn(MemberEmail);
        SeedMonth(admin, member);
        SignIn(AdminEmail, AccountRoles.Admin);

        var page = Render<UsagePage>();

        page.WaitForAssertion(() => Assert.Equal("$0.285", page.Find(".usage-total-usd").TextContent.Trim()));
        Assert.Equal("6 songs", page.Find(".usage-total-songs").TextContent.Trim());
        Assert.Equal("2 songs' costs have not been reported (yet): they are not in the total.", page.Find(".usage-total-unknown").TextContent.Trim());
        Assert.Equal(
            [("3", "$0.255", "2", "0"), ("10", "$0.03", "2", "1"), ("12", "$0.00", "2", "1")],
            Rows(page, ".usage-day-table"));
        Assert.Equal(
            [(AdminEmail, "$0.255", "2", "0"), (MemberEmail, "$0.03", "4", "2")],
            Rows(page, ".usage-member-table"));
        Assert.Equal(
            [(ModelCatalog.Music26, "$0.195", "2", "1"), (ModelCatalog.Legacy, "$0.06", "3", "1"), (ModelCatalog.Music15, "$0.03", "1", "0")],
            Rows(page, ".usage-model-table"));
    }

    [Fact]
    public void EveryChart_IsAnImageWithAName_AndATableOfTheSameFiguresBesideIt()
    {
        var admin = SignIn(AdminEmail, AccountRoles.Admin);
        SeedMonth(admin, SignIn(MemberEmail));
        SignIn(AdminEmail, AccountRoles.Admin);

        var page = Render<UsagePage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".usage-chart").Count));
        foreach (var section in new[] { ".usage-by-day", ".usage-by-member", ".usage-by-model" })
        {
            var chart = page.Find($"{section} .usage-chart");
            Assert.Equal("img", chart.GetAttribute("role"));
            Assert.Contains("the table below lists the same figures", chart.GetAttribute("aria-label"), StringComparison.Ordinal);
            Assert.NotNull(chart.QuerySelector("svg"));
            Assert.NotEmpty(page.Find($"{section} table caption").TextContent.Trim());
        }
    }

    [Fact]
    public void AnEarlierMonth_IsPickedByTheAddress_AndShowsOnlyItsSongs()
    {
        var admin = SignIn(AdminEmail, AccountRoles.Admin);
        SeedMonth(admin, SignIn(MemberEmail));
        SignIn(AdminEmail, AccountRoles.Admin);

        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("month", "2026-10"));

        var page = Render<UsagePage>();

        page.WaitForAssertion(() => Assert.Equal("October 2026", page.Find("#usage-total-heading").TextContent.Trim()));
        Assert.Equal("$1.00", page.Find(".usage-total-usd").TextContent.Trim());
        Assert.Equal("1 song", page.Find(".usage-total-songs").TextContent.Trim());
        Assert.Empty(page.FindAll(".usage-total-unknown"));
        Assert.Equal([("31", "$1.00", "1", "0")], Rows(page, ".usage-day-table"));
    }

    [Fact]
    public void AMonthWithoutSongs_SaysSo()
    {
        SignIn(AdminEmail, AccountRoles.Admin);

        var page = Render<UsagePage>();

        page.WaitForAssertion(() => Assert.Equal("No songs were made in November 2026.", page.Find(".usage-empty").TextContent.Trim()));
        Assert.Equal("$0.00", page.Find(".usage-total-usd").TextContent.Trim());
        Assert.Empty(page.FindAll("table"));
    }

    [Fact]
    public void AMember_SeesNoneOfTheTeamsSpending()
    {
        var admin = SignIn(AdminEmail, AccountRoles.Admin);
        SeedMonth(admin, SignIn(MemberEmail));
        SignIn(MemberEmail);

        var page = Render<UsagePage>();

        page.WaitForAssertion(() => Assert.Equal("Only admins see the team's spending.", page.Find(".usage-denied").TextContent.Trim()));
        Assert.Empty(page.FindAll(".usage-totals"));
        Assert.DoesNotContain("$", page.Markup, StringComparison.Ordinal);
    }

    private static List<(string, string, string, string)> Rows(IRenderedComponent<UsagePage> page, string table) =>
        [.. page.FindAll($"{table} tr.usage-row").Select(r => (
            r.QuerySelector(".usage-label")!.TextContent.Trim(),
            r.QuerySelector(".usage-usd")!.TextContent.Trim(),
            r.QuerySelector(".usage-songs")!.TextContent.Trim(),
            r.QuerySelector(".usage-unknown")!.TextContent.Trim()))];

    /// <summary>Songs of November 2026 (and one of October) with and without a reported cost.</summary>
    private void SeedMonth(string admin, string member)
    {
        var november = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
        using var db = Database.CreateDbContext();
        db.Generations.AddRange(
            Song(admin, november.AddDays(2), ModelCatalog.Legacy, GenerationStatus.Completed, 0.06m),
            Song(admin, november.AddDays(2).AddHours(3), ModelCatalog.Music26, GenerationStatus.Completed, 0.195m),
            Song(member, november.AddDays(9), ModelCatalog.Music15, GenerationStatus.Completed, 0.03m),
            Song(member, november.AddDays(9), ModelCatalog.Music26, GenerationStatus.Queued, null),
            // Failed: $0 because the vendor said so; the other failed one's cost was never reported.
            Song(member, november.AddDays(11), ModelCatalog.Legacy, GenerationStatus.Failed, 0m),
            Song(member, november.AddDays(11), ModelCatalog.Legacy, GenerationStatus.Failed, null),
            // Refused before the vendor took it: no song was made, nothing to count.
            new SongBuilder { OwnerId = member, CreatedAtUtc = november.AddDays(11), Status = GenerationStatus.Failed }.Build(),
            Song(member, new DateTime(2026, 10, 31, 23, 59, 0, DateTimeKind.Utc), ModelCatalog.Legacy, GenerationStatus.Completed, 1.00m));
        db.SaveChanges();
    }

    private static Generation Song(string owner, DateTime createdAtUtc, string model, GenerationStatus status, decimal? usd) =>
        new SongBuilder
        {
            OwnerId = owner,
            CreatedAtUtc = createdAtUtc,
            Request = new SongRequest(model, Lyrics: "La la la"),
            Status = status,
            UpstreamId = $"up-{Guid.NewGuid():N}",
            UsdSpent = usd,
        }.Build();
}
