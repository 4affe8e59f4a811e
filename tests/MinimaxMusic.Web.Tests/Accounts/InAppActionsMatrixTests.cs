using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.History;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Features.Spending;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Accounts;

/// <summary>
/// What people do inside the app (make, read, share, revoke, rename, delete, manage members) happens in their Blazor
/// circuit, not at an endpoint: the services decide. Each cell acts as one person through the same services the pages
/// use, on a song or link the member made. Anonymous visitors never get a circuit (see the HTTP matrix: negotiate is
/// 401), but a service called with no person at all must still refuse: the "nobody" cells expect every action refused.
/// </summary>
[Trait("Category", "Integration")]
public sealed class InAppActionsMatrixTests(AuthorizationWorld world) : IClassFixture<AuthorizationWorld>
{
    private sealed record ActionCase(string Action, Func<AuthorizationWorld, IServiceProvider, Task<bool>> Do, bool Member, bool OtherMember, bool Admin);

    private static readonly ActionCase[] Cases =
    [
        new("make a song", async (w, s) =>
            (await s.GetRequiredService<GenerationService>().SubmitAsync("A matrix of doors\nEach one with a key",
                w.App.Services.GetRequiredService<DemoMode>().SampleReference!.ToString())).Accepted,
            Member: true, OtherMember: true, Admin: true),
        new("read the member's song", async (w, s) =>
            await s.GetRequiredService<GenerationService>().GetAsync(w.Song.Id) is not null,
            Member: true, OtherMember: true, Admin: true),
        new("see the team's history", async (w, s) =>
            (await s.GetRequiredService<HistoryService>().QueryAsync(new HistoryQuery())).Total > 0,
            Member: true, OtherMember: true, Admin: true),
        new("see the member's song's links", async (w, s) =>
            (await s.GetRequiredService<ShareService>().ListAsync(w.Song.Id)).Count > 0,
            Member: true, OtherMember: true, Admin: true),
        new("favourite the member's song", async (w, s) =>
            (await s.GetRequiredService<HistoryService>().SetFavouriteAsync((await w.AddMembersSongAsync()).Id, true)).Outcome == EditOutcome.Done,
            Member: true, OtherMember: true, Admin: true),
        new("share the member's song with the team", async (w, s) =>
            (await s.GetRequiredService<ShareService>().CreateOrReuseAsync((await w.AddMembersSongAsync()).Id, new ShareOptions(ShareVisibility.Team, null, false))).Succeeded,
            Member: true, OtherMember: true, Admin: true),
        new("share the member's song publicly", async (w, s) =>
            (await s.GetRequiredService<ShareService>().CreateOrReuseAsync((await w.AddMembersSongAsync()).Id, new ShareOptions(ShareVisibility.Public, null, false))).Succeeded,
            Member: true, OtherMember: false, Admin: true),
        new("revoke the member's link", async (w, s) =>
            await s.GetRequiredService<ShareService>().RevokeAsync((await w.AddMembersShareAsync()).Id),
            Member: true, OtherMember: false, Admin: true),
        new("rename the member's song", async (w, s) =>
            (await s.GetRequiredService<HistoryService>().RenameAsync((await w.AddMembersSongAsync()).Id, "A new name")).Outcome == EditOutcome.Done,
            Member: true, OtherMember: false, Admin: true),
        new("delete the member's song", async (w, s) =>
            (await s.GetRequiredService<HistoryService>().DeleteAsync((await w.AddMembersSongAsync()).Id)).Outcome == EditOutcome.Done,
            Member: true, OtherMember: false, Admin: true),
        new("create an invite link", async (w, s) =>
            (await s.GetRequiredService<MemberService>().CreateInviteAsync(AccountRoles.Member)).Succeeded,
            Member: false, OtherMember: false, Admin: true),
        new("see the member list", async (w, s) =>
            (await s.GetRequiredService<MemberService>().ListAsync()).Count > 0,
            Member: false, OtherMember: false, Admin: true),
        new("make someone an admin", async (w, s) =>
            await s.GetRequiredService<MemberService>().SetRoleAsync(await NewAccountAsync(w), AccountRoles.Admin) is null,
            Member: false, OtherMember: false, Admin: true),
        new("change whether anyone may register (here: keep it closed)", async (w, s) =>
            await s.GetRequiredService<MemberService>().SetOpenRegistrationAsync(false) is null,
            Member: false, OtherMember: false, Admin: true),
        new("disable someone's account", async (w, s) =>
            await s.GetRequiredService<MemberService>().SetDisabledAsync(await NewAccountAsync(w), disabled: true) is null,
            Member: false, OtherMember: false, Admin: true),
        new("see the team's spending", async (w, s) =>
            await s.GetRequiredService<UsageService>().MonthAsync() is not null,
            Member: false, OtherMember: false, Admin: true),
    ];

    public static TheoryData<string, Who> Cells()
    {
        var data = new TheoryData<string, Who>();
        foreach (var @case in Cases)
        {
            foreach (var who in new[] { Who.Anonymous, Who.Member, Who.OtherMember, Who.Admin })
            {
                data.Add(@case.Action, who);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task EachPerson_MayDoWhatTheRuleSays(string action, Who who)
    {
        var @case = Cases.Single(c => c.Action == action);
        await using var scope = await world.ActAsAsync(who);

        var allowed = await @case.Do(world, scope.ServiceProvider);

        var expected = who switch
        {
            Who.Anonymous => false,
            Who.Member => @case.Member,
            Who.OtherMember => @case.OtherMember,
            _ => @case.Admin,
        };
        Assert.True(expected == allowed, $"{(who == Who.Anonymous ? "Nobody" : who)} {(expected ? "should" : "should not")} be able to {action}.");
    }

    private static async Task<string> NewAccountAsync(AuthorizationWorld world)
    {
        var email = $"target-{Guid.NewGuid():N}@example.test";
        await TeamMembers.AddAsync(world.App.Services, email);
        using var scope = world.App.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.Id;
    }
}
