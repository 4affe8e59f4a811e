using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Members;

/// <summary>
/// Admins invite people with single-use, expiring links, change roles and disable accounts; there is always an active
/// admin left. Driven through the real invite and sign-in forms over HTTP, with a fake clock for expiry.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MemberTests : IAsyncLifetime
{
    private const string Password = "a new member's passphrase";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private FakeClockApp _app = null!;
    private HttpClient _admin = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Uri BaseAddress => _app.ClientOptions.BaseAddress;

    public async ValueTask InitializeAsync()
    {
        _app = new FakeClockApp(TestApp.FastPolling(), _clock);
        _admin = TeamAccount.CreateClient(BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("api/generations", Token)).StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AnInviteLink_MakesOneMember_WhoCanSignIn_AndASecondUseIsRefused()
    {
        var link = await CreateInviteAsync(AccountRoles.Member);
        Assert.StartsWith("invite/", link, StringComparison.Ordinal);

        using var newcomer = Browser();
        var joined = await JoinAsync(newcomer, link, "newcomer@example.test");
        Assert.Equal(HttpStatusCode.Redirect, joined.Status);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync("api/generations", Token)).StatusCode);

        using var again = Browser();
        var page = await again.GetStringAsync(link, Token);
        Assert.Contains("This invite link has already been used.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Join the team</button>", page, StringComparison.Ordinal);

        using var signIn = Browser();
        Assert.Null((await LogInAsync(signIn, "newcomer@example.test")).Error);
        Assert.Equal(HttpStatusCode.OK, (await signIn.GetAsync("api/generations", Token)).StatusCode);

        await using var scope = _app.Services.ActAs();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var member = await users.FindByEmailAsync("newcomer@example.test");
        Assert.Equal([AccountRoles.Member], await users.GetRolesAsync(member!));
        Assert.Equal(2, users.Users.Count());
        var listed = await scope.ServiceProvider.GetRequiredService<MemberService>().ListAsync(Token);
        Assert.Contains(listed, m => m.Email == "newcomer@example.test" && m.Role == AccountRoles.Member && !m.IsDisabled);
    }

    [Fact]
    public async Task AFormOpenedBeforeTheInviteWasUsed_CannotUseItAgain()
    {
        var link = await CreateInviteAsync(AccountRoles.Member);
        using var first = Browser();
        using var second = Browser();
        var secondForm = await ReadFormAsync(second, link);

        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(first, link, "first@example.test")).Status);
        secondForm["Input.Email"] = "second@example.test";
        secondForm["Input.Password"] = Password;
        using var lateForm = new FormUrlEncodedContent(secondForm);
        using var late = await second.PostAsync(link, lateForm, Token);

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("already been used", await late.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        using var scope = _app.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync("second@example.test"));
    }

    [Fact]
    public async Task AnInviteLink_ExpiresAfterSevenDays()
    {
        var link = await CreateInviteAsync(AccountRoles.Member);
        using var early = Browser();
        Assert.Contains("Join the team</button>", await early.GetStringAsync(link, Token), StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));

        using var late = Browser();
        var page = await late.GetStringAsync(link, Token);
        Assert.Contains("This invite link has expired.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Join the team</button>", page, StringComparison.Ordinal);
        using var unknown = Browser();
        Assert.Contains("This invite link is not valid.", await unknown.GetStringAsync("invite/not-a-real-token", Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMembersPage_IsForAdmins()
    {
        using var joiner = Browser();
        await JoinAsync(joiner, await CreateInviteAsync(AccountRoles.Member), "member@example.test");
        using var member = Browser();
        await LogInAsync(member, "member@example.test");

        using var refused = await member.GetAsync("admin/members", Token);
        using var shown = await _admin.GetAsync("admin/members", Token);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/access-denied", refused.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var html = await shown.Content.ReadAsStringAsync(Token);
        Assert.Contains("Create invite link", html, StringComparison.Ordinal);
        Assert.Contains("Role for member@example.test", html, StringComparison.Ordinal);
        Assert.Contains("Disable", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisablingAMember_RefusesTheirTokens_AndCookie_AndSignIn_UntilEnabledAgain()
    {
        using var joiner = Browser();
        await JoinAsync(joiner, await CreateInviteAsync(AccountRoles.Member), "member@example.test");
        using var member = Browser();
        await LogInAsync(member, "member@example.test");
        var id = await UserIdAsync("member@example.test");
        string apiToken;
        using (var scope = _app.Services.CreateScope())
        {
            apiToken = (await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(id, "script", Token)).Token!;
        }

        using var script = new HttpClient { BaseAddress = BaseAddress };
        script.DefaultRequestHeaders.Authorization = new("Bearer", apiToken);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("api/generations", Token)).StatusCode);

        Assert.Null(await WithMembersAsync(m => m.SetDisabledAsync(id, true)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("api/generations", Token)).StatusCode);
        // The cookie is re-checked against the security stamp once a minute.
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("api/generations", Token)).StatusCode);
        using var again = Browser();
        Assert.Equal("This account is disabled. Ask an admin of this workspace.", (await LogInAsync(again, "member@example.test")).Error);
        // Only someone who knows the password learns that the account is disabled.
        using var stranger = Browser();
        var fields = await ReadFormAsync(stranger, "login");
        fields["Input.Email"] = "member@example.test";
        fields["Input.Password"] = "not the member's password";
        using var guess = new FormUrlEncodedContent(fields);
        using var guessed = await stranger.PostAsync("login", guess, Token);
        Assert.Contains("The email or password is wrong.", await guessed.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        Assert.Null(await WithMembersAsync(m => m.SetDisabledAsync(id, false)));
        using var back = Browser();
        Assert.Null((await LogInAsync(back, "member@example.test")).Error);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("api/generations", Token)).StatusCode);
    }

    [Fact]
    public async Task TheLastActiveAdmin_CannotBeDemotedOrDisabled_ButCanOnceThereIsAnother()
    {
        var adminId = await UserIdAsync(TeamAccount.AdminEmail);

        Assert.Equal(MemberService.LastAdminMessage, await WithMembersAsync(m => m.SetRoleAsync(adminId, AccountRoles.Member)));
        Assert.Equal(MemberService.LastAdminMessage, await WithMembersAsync(m => m.SetDisabledAsync(adminId, true)));

        using var joiner = Browser();
        await JoinAsync(joiner, await CreateInviteAsync(AccountRoles.Member), "second@example.test");
        var secondId = await UserIdAsync("second@example.test");
        Assert.Null(await WithMembersAsync(m => m.SetRoleAsync(secondId, AccountRoles.Admin)));
        // A disabled admin does not count: the workspace needs one who can sign in.
        Assert.Null(await WithMembersAsync(m => m.SetDisabledAsync(secondId, true)));
        Assert.Equal(MemberService.LastAdminMessage, await WithMembersAsync(m => m.SetRoleAsync(adminId, AccountRoles.Member)));

        Assert.Null(await WithMembersAsync(m => m.SetDisabledAsync(secondId, false)));
        Assert.Null(await WithMembersAsync(m => m.SetRoleAsync(adminId, AccountRoles.Member)));
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Equal([AccountRoles.Member], await users.GetRolesAsync((await users.FindByIdAsync(adminId))!));
    }

    [Fact]
    public async Task AnAdminInvite_MakesAnAdmin()
    {
        using var joiner = Browser();
        await JoinAsync(joiner, await CreateInviteAsync(AccountRoles.Admin), "boss@example.test");
        using var boss = Browser();
        await LogInAsync(boss, "boss@example.test");

        Assert.Equal(HttpStatusCode.OK, (await boss.GetAsync("admin/members", Token)).StatusCode);
    }

    [Fact]
    public async Task Registration_IsClosedUntilAnAdminOpensIt_MakesMembers_AndClosingItWinsOverAFormOpenedBefore()
    {
        using var stranger = Browser();
        using (var closed = await stranger.GetAsync("register", Token))
        {
            var html = await closed.Content.ReadAsStringAsync(Token);
            Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
            Assert.Contains(MemberService.RegistrationClosedMessage, html, StringComparison.Ordinal);
            Assert.DoesNotContain("Create account</button>", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Create an account", await stranger.GetStringAsync("login", Token), StringComparison.Ordinal);

        Assert.Null(await WithMembersAsync(m => m.SetOpenRegistrationAsync(true, Token)));
        Assert.Contains("Create an account", await stranger.GetStringAsync("login", Token), StringComparison.Ordinal);
        var joined = await PostFormAsync(stranger, "register", "walk-in@example.test");
        Assert.Equal(HttpStatusCode.Redirect, joined.Status);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("api/generations", Token)).StatusCode);
        using (var scope = _app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.Equal([AccountRoles.Member], await users.GetRolesAsync((await users.FindByEmailAsync("walk-in@example.test"))!));
        }

        // Someone opened the form while it was open; an admin closes registration before they send it.
        using var late = Browser();
        var fields = await ReadFormAsync(late, "register");
        Assert.Null(await WithMembersAsync(m => m.SetOpenRegistrationAsync(false, Token)));
        fields["Input.Email"] = "too-late@example.test";
        fields["Input.Password"] = Password;
        using var lateForm = new FormUrlEncodedContent(fields);
        using var refused = await late.PostAsync("register", lateForm, Token);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(MemberService.RegistrationClosedMessage, await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        using (var scope = _app.Services.CreateScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync("too-late@example.test"));
        }
    }

#pragma warning disable CA2000 // The handler is owned by the HttpClient (disposeHandler: true); the caller disposes the client.
    private HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
#pragma warning restore CA2000

    private async Task<string> CreateInviteAsync(string role)
    {
        var result = await WithMembersAsync(m => m.CreateInviteAsync(role, Token));
        Assert.True(result.Succeeded, result.Error);
        return result.Link!;
    }

    /// <summary>What the admin does on the members page, through the same service, acting as the admin.</summary>
    private async Task<T> WithMembersAsync<T>(Func<MemberService, Task<T>> action)
    {
        await using var scope = _app.Services.ActAs();
        return await action(scope.ServiceProvider.GetRequiredService<MemberService>());
    }

    private async Task<string> UserIdAsync(string email)
    {
        using var scope = _app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.Id;
    }

    private static async Task<Dictionary<string, string>> ReadFormAsync(HttpClient browser, string path)
    {
        var form = new HtmlParser().ParseDocument(await browser.GetStringAsync(path, Token)).QuerySelector("form.account-form");
        Assert.NotNull(form);
        return form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
    }

    private static async Task<(HttpStatusCode Status, string? Error)> PostFormAsync(HttpClient browser, string path, string email)
    {
        var fields = await ReadFormAsync(browser, path);
        fields["Input.Email"] = email;
        fields["Input.Password"] = Password;
        using var content = new FormUrlEncodedContent(fields);
        using var response = await browser.PostAsync(path, content, Token);
        var error = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Token)).QuerySelector(".account-error")?.TextContent.Trim();
        return (response.StatusCode, error);
    }

    private static Task<(HttpStatusCode Status, string? Error)> JoinAsync(HttpClient browser, string link, string email) =>
        PostFormAsync(browser, link, email);

    private static Task<(HttpStatusCode Status, string? Error)> LogInAsync(HttpClient browser, string email) =>
        PostFormAsync(browser, "login", email);
}
