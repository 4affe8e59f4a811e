using System.Net;
using AngleSharp.Html.Parser;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Accounts;

/// <summary>
/// Only the team gets in: first run goes to /setup until an admin exists, then everything but the public parts needs
/// a signed-in user; wrong passwords lock the account. Driven through the real forms over HTTP.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SignInTests : FreshAppTest
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstRun_SendsEveryPageToSetup_AndTheApiSaysSetupIsRequired_ButHealthAnswers()
    {
        using var anonymous = Anonymous();

        using var page = await anonymous.GetAsync("history", Token);
        using var api = await anonymous.GetAsync("api/generations", Token);
        using var health = await anonymous.GetAsync("healthz", Token);
        using var setup = await anonymous.GetAsync("setup", Token);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/setup", page.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Contains("create the first admin account", await api.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("Create admin account", await setup.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterSetup_AnonymousPeopleAreAskedToLogIn_AndMachinesGet401()
    {
        using var admin = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/generations", Token)).StatusCode);
        using var anonymous = Anonymous();

        using var page = await anonymous.GetAsync("history", Token);
        using var api = await anonymous.GetAsync("api/generations", Token);
        using var media = await anonymous.GetAsync($"media/{Guid.NewGuid()}", Token);
        using var setupAgain = await anonymous.GetAsync("setup", Token);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://", page.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("/login?ReturnUrl=%2Fhistory", page.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, media.StatusCode);
        // Set up once: a second admin cannot be made through /setup.
        Assert.Equal(HttpStatusCode.Redirect, setupAgain.StatusCode);
        Assert.EndsWith("login", setupAgain.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongPassword_SaysSo_AndFiveLockTheAccount_EvenForTheRightPassword()
    {
        using var admin = App.CreateClient();
        await admin.GetAsync("api/generations", Token);
        using var browser = Anonymous();

        var first = await LogInAsync(browser, TeamAccount.AdminEmail, "not the password");
        Assert.Equal("The email or password is wrong.", first.Error);
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            await LogInAsync(browser, TeamAccount.AdminEmail, "not the password");
        }

        var locked = await LogInAsync(browser, TeamAccount.AdminEmail, TeamAccount.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, locked.Status);
        Assert.Equal("Too many failed attempts. This account is locked; try again in 15 minutes.", locked.Error);
    }

    [Fact]
    public async Task LoggingIn_ReturnsToTheAskedPage_ButNeverToAnotherSite()
    {
        using var admin = App.CreateClient();
        await admin.GetAsync("api/generations", Token);

        using var browser = Anonymous();
        var back = await LogInAsync(browser, TeamAccount.AdminEmail, TeamAccount.AdminPassword, "/history?q=tide");
        using var other = Anonymous();
        var away = await LogInAsync(other, TeamAccount.AdminEmail, TeamAccount.AdminPassword, "//evil.example/");

        Assert.Equal(HttpStatusCode.Redirect, back.Status);
        Assert.Equal(new Uri(App.BaseAddress, "history?q=tide"), new Uri(App.BaseAddress, back.Location!));
        Assert.Equal(new Uri(App.BaseAddress, "/"), new Uri(App.BaseAddress, away.Location!));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("api/generations", Token)).StatusCode);
    }

    [Fact]
    public async Task AFormPostedWithoutItsAntiforgeryToken_IsRefused()
    {
        using var browser = Anonymous();
        await browser.GetAsync("setup", Token);

        using var forgedForm = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setup",
            ["Input.Email"] = "intruder@example.test",
            ["Input.Password"] = "a long enough password",
        });
        using var forged = await browser.PostAsync("setup", forgedForm, Token);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var stillFirstRun = await browser.GetAsync("history", Token);
        Assert.Equal("/setup", stillFirstRun.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("/history", "", "./history")]
    [InlineData("/music/tracks/1", "/music", "./tracks/1")]
    [InlineData("//evil.example/", "", "./")]
    [InlineData("/\\evil.example/", "", "./")]
    [InlineData("https://evil.example/", "", "./")]
    [InlineData(null, "", "./")]
    public void ReturnUrls_StayOnThisSite(string? returnUrl, string pathBase, string expected)
    {
        Assert.Equal(expected, LoginPage.LocalReturnUrl(returnUrl, new Microsoft.AspNetCore.Http.PathString(pathBase.Length == 0 ? null : pathBase)));
    }

#pragma warning disable CA2000 // The handler is owned by the HttpClient (disposeHandler: true); the caller disposes the client.
    private HttpClient Anonymous() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = App.BaseAddress };
#pragma warning restore CA2000

    private static async Task<(HttpStatusCode Status, string? Error, string? Location)> LogInAsync(
        HttpClient browser, string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "login" : $"login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = new HtmlParser().ParseDocument(await browser.GetStringAsync(path, Token)).QuerySelector("form.account-form")!;
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        using var content = new FormUrlEncodedContent(fields);
        using var response = await browser.PostAsync(path, content, Token);
        var html = await response.Content.ReadAsStringAsync(Token);
        var error = new HtmlParser().ParseDocument(html).QuerySelector(".account-error")?.TextContent.Trim();
        return (response.StatusCode, error, response.Headers.Location?.ToString());
    }
}
