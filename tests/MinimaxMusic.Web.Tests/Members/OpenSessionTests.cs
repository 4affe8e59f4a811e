using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Members;

/// <summary>
/// A page left open follows what an admin changes: promoted, the Members link appears; demoted, the members page
/// sends them away; disabled, the page goes to sign-in. Real Chromium, real circuit; a fake clock stands in for the
/// minute Identity waits before re-checking an account.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OpenSessionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string MemberEmail = "open-page@example.test";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private FakeClockApp _app = null!;

    private Uri BaseAddress => _app.ClientOptions.BaseAddress;

    public async ValueTask InitializeAsync()
    {
        _app = new FakeClockApp(TestApp.FastPolling(), _clock);
        using var admin = TeamAccount.CreateClient(BaseAddress);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync("api/generations", TestContext.Current.CancellationToken)).StatusCode);
        await TeamMembers.AddAsync(_app.Services, MemberEmail);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AnOpenPage_PicksUpAPromotion_ADemotion_AndBeingDisabled_WithoutAReload()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(BaseAddress, "login").ToString());
        await page.GetByLabel("Email").FillAsync(MemberEmail);
        await page.GetByLabel("Password").FillAsync(TeamMembers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await page.Locator("#app-root[data-interactive='true']").WaitForAsync(new() { Timeout = 30_000 });
        var membersLink = page.GetByRole(AriaRole.Link, new() { Name = "Members" });
        await Assertions.Expect(membersLink).ToHaveCountAsync(0);

        // An admin promotes them; a minute later the open page shows the admin's Members link.
        var id = await UserIdAsync();
        Assert.Null(await WithMembersAsync(m => m.SetRoleAsync(id, AccountRoles.Admin)));
        await LetAMinutePassUntilAsync(() => Assertions.Expect(membersLink).ToBeVisibleAsync(Soon));

        // They open the members page in place (no reload), then are demoted: the page sends them to access-denied.
        await membersLink.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create invite link" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Null(await WithMembersAsync(m => m.SetRoleAsync(id, AccountRoles.Member)));
        // The address, polled: waiting for the navigation's load event missed navigations already under way on a busy machine.
        await LetAMinutePassUntilAsync(() => Assertions.Expect(page).ToHaveURLAsync(new Regex("/access-denied$"), AddressSoon));
        await Assertions.Expect(membersLink).ToHaveCountAsync(0);

        // Disabled: the open page goes to sign-in, which would bring them back here.
        await page.GotoAsync(BaseAddress.ToString());
        await page.Locator("#app-root[data-interactive='true']").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Null(await WithMembersAsync(m => m.SetDisabledAsync(id, disabled: true)));
        await LetAMinutePassUntilAsync(() => Assertions.Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl="), AddressSoon));
        Assert.Equal("/", new Uri(BaseAddress, System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["ReturnUrl"]).AbsolutePath);
    }

    private static LocatorAssertionsToBeVisibleOptions Soon => new() { Timeout = 5_000 };

    private static PageAssertionsToHaveURLOptions AddressSoon => new() { Timeout = 5_000 };

    /// <summary>
    /// Lets a minute pass on the app's clock (the open page re-checks its account once a minute) until the page shows
    /// <paramref name="seen"/>; another minute at most three times, as a busy machine may start a page's check a moment
    /// after the clock moved. Never seen within four minutes fails.
    /// </summary>
    private async Task LetAMinutePassUntilAsync(Func<Task> seen)
    {
        for (var minute = 1; ; minute++)
        {
            _clock.Advance(TimeSpan.FromSeconds(61));
            try
            {
                await seen();
                return;
            }
            catch (Exception ex) when (ex is TimeoutException or PlaywrightException && minute < 4)
            {
                // Not yet: let another minute pass.
            }
        }
    }

    private async Task<string> UserIdAsync()
    {
        using var scope = _app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(MemberEmail))!.Id;
    }

    /// <summary>What the admin does on the members page, through the same service, acting as the admin.</summary>
    private async Task<string?> WithMembersAsync(Func<MemberService, Task<string?>> action)
    {
        await using var scope = _app.Services.ActAs();
        return await action(scope.ServiceProvider.GetRequiredService<MemberService>());
    }
}
