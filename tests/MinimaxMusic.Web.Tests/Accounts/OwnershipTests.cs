using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Accounts;

/// <summary>
/// Songs have a maker: the history can show only "mine"; members change and delete their own songs and revoke their
/// own share links, admins any. Two real sign-ins over HTTP (admin and a member) against one app.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OwnershipTests : IAsyncLifetime
{
    private const string MemberEmail = "member@example.test";
    private const string OtherEmail = "other@example.test";
    private TestApp _app = null!;
    private HttpClient _admin = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = new TestApp(TestApp.FastPolling());
        _admin = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("api/generations", Token)).StatusCode);
        await AddMemberAsync(MemberEmail);
        await AddMemberAsync(OtherEmail);
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Mine_ShowsOnlyTheSongsTheSignedInPersonMade()
    {
        using var member = await LogInAsync(MemberEmail);
        var own = await SubmitAsync(member, "Member's harbour song\nSails at dawn");
        var admins = await SubmitAsync(_admin, "Admin's mountain song\nSnow at noon");

        var mine = await member.GetFromJsonAsync<JsonElement>("api/generations?mine=true", Token);
        var all = await member.GetFromJsonAsync<JsonElement>("api/generations", Token);

        Assert.Equal([own], mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        Assert.Contains(admins, all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task AMember_DeletesTheirOwnSong_ButNotSomeoneElses_WhileAnAdminDeletesAny()
    {
        using var member = await LogInAsync(MemberEmail);
        var own = await SubmitAsync(member, "Member's harbour song\nSails at dawn");
        var admins = await SubmitAsync(_admin, "Admin's mountain song\nSnow at noon");
        var another = await SubmitAsync(member, "Member's second song\nRain on the roof");

        using var refused = await member.DeleteAsync($"api/generations/{admins}", Token);
        using var allowed = await member.DeleteAsync($"api/generations/{own}", Token);
        using var byAdmin = await _admin.DeleteAsync($"api/generations/{another}", Token);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Only the person who made this song, or an admin", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync($"api/generations/{admins}", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byAdmin.StatusCode);
    }

    [Fact]
    public async Task AMember_CannotRevokeAnotherMembersShareLink_ButTheMakerAndAnAdminCan()
    {
        using var member = await LogInAsync(MemberEmail);
        var song = await SubmitAsync(member, "Member's harbour song\nSails at dawn");
        await _app.WaitForAsync(song, g => g.IsSettled());
        ShareLink first;
        ShareLink second;
        await using (var scope = _app.Services.ActAs(MemberEmail, AccountRoles.Member))
        {
            var shares = scope.ServiceProvider.GetRequiredService<ShareService>();
            first = (await shares.CreateOrReuseAsync(song, new ShareOptions(ShareVisibility.Public, null, false), Token)).Share!;
            second = (await shares.CreateOrReuseAsync(song, new ShareOptions(ShareVisibility.Team, null, false), Token)).Share!;
        }

        Assert.False(await RevokeAsAsync(OtherEmail, first.Id));
        Assert.True(await RevokeAsAsync(MemberEmail, first.Id));
        Assert.True(await RevokeAsAsync(TeamAccount.AdminEmail, second.Id));
    }

    private async Task<bool> RevokeAsAsync(string email, Guid shareId)
    {
        using var scope = _app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user!);
        // The service asks who is acting; here that is the request's user, as for an API call.
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = principal };
        return await scope.ServiceProvider.GetRequiredService<ShareService>().RevokeAsync(shareId, Token);
    }

    private Task AddMemberAsync(string email) => TeamMembers.AddAsync(_app.Services, email);

    private Task<HttpClient> LogInAsync(string email) => TeamMembers.LogInAsync(_app.BaseAddress, email, Token);

    private async Task<Guid> SubmitAsync(HttpClient client, string lyrics)
    {
        var reference = _app.Services.GetRequiredService<DemoMode>().SampleReference!.ToString();
        using var response = await client.PostAsJsonAsync("api/generations", new { lyrics, referenceAudioUrl = reference }, Token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
    }
}
