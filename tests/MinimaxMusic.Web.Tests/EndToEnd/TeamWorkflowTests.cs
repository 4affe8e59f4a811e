using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.EndToEnd;

/// <summary>
/// The whole team story in real Chromium, three people in three browser contexts: the admin sets the app up and
/// invites a member; the member joins, writes and generates a song, and shares it publicly; a stranger plays it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TeamWorkflowTests(BrowserFixture browser) : FreshAppTest, IClassFixture<BrowserFixture>
{
    private const string MemberEmail = "member@example.test";
    private const string MemberPassword = "the member's own passphrase";
    private const string Lyrics = "Two keys on a single ring\nOpening the same old door\n\nWe hand the song to strangers";

    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 15_000 };

    [Fact]
    public async Task AdminInvites_MemberGeneratesAndSharesPublicly_StrangerPlaysTheLink()
    {
        var cancellationToken = TestContext.Current.CancellationToken;

        // The admin opens the app for the first time: it sends them to /setup, where they create the admin account.
        await using var adminContext = await browser.Browser.NewContextAsync();
        var setup = await adminContext.NewPageAsync();
        await setup.GotoAsync(App.BaseAddress.ToString());
        Assert.EndsWith("/setup", new Uri(setup.Url).AbsolutePath, StringComparison.Ordinal);
        await TeamAccount.SignInAsync(setup);
        Assert.NotEqual("/setup", new Uri(setup.Url).AbsolutePath);

        // The admin creates a member invite on the Members page and reads the link.
        var members = await BrowserFixture.OpenInteractiveAsync(adminContext, new Uri(App.BaseAddress, "admin/members"));
        await members.GetByRole(AriaRole.Button, new() { Name = "Create invite link" }).ClickAsync();
        var inviteField = members.GetByRole(AriaRole.Textbox, new() { Name = "Invite link", Exact = true });
        await Assertions.Expect(inviteField).ToHaveValueAsync(new Regex("invite/[A-Za-z0-9_-]+$"), new() { Timeout = 15_000 });
        await Assertions.Expect(members.Locator(".member-invite-row")).ToContainTextAsync(AccountRoles.Member);
        // Without App:PublicBaseUrl the link is built on the address the admin is browsing at: ready to send.
        var inviteUrl = new Uri(await inviteField.InputValueAsync());
        Assert.StartsWith(App.BaseAddress.ToString(), inviteUrl.ToString(), StringComparison.Ordinal);

        // The member opens the invite in their own browser, chooses an email and password and joins.
        await using var memberContext = await browser.Browser.NewContextAsync();
        await memberContext.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = App.BaseAddress.GetLeftPart(UriPartial.Authority) });
        var page = await memberContext.NewPageAsync();
        await page.GotoAsync(inviteUrl.ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join the team" })).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync(MemberEmail);
        await page.GetByLabel("Password").FillAsync(MemberPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the team" }).ClickAsync();

        // Joining signs them in and lands on Create; wait for the circuit before typing.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == App.BaseAddress.AbsolutePath, new() { Timeout = 15_000 });
        await page.Locator("#app-root[data-interactive='true']").WaitForAsync(new() { Timeout = 30_000 });

        // The member writes lyrics, picks the demo reference (checked before Generate is allowed) and generates.
        var generate = page.GetByRole(AriaRole.Button, new() { Name = "Generate" });
        await page.GetByLabel("Lyrics").FillAsync(Lyrics);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use the demo reference track" }).ClickAsync();
        await Assertions.Expect(page.Locator(".reference-check-summary")).ToContainTextAsync("WAV", new() { Timeout = 15_000 });
        await Assertions.Expect(generate).ToBeEnabledAsync();
        await generate.ClickAsync();
        await Assertions.Expect(page.Locator(".song-status").First).ToHaveTextAsync(new Regex("Queued|Generating|Completed"), new() { Timeout = 15_000 });

        // In the history the song finishes live; the audio is archived in the background.
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).First.ClickAsync();
        var song = page.Locator("[data-generation-id]").Filter(new() { HasText = "Two keys on a single ring" });
        await Assertions.Expect(song.Locator(".song-status")).ToHaveTextAsync("Completed", new() { Timeout = 30_000 });
        var generationId = Guid.Parse((await song.GetAttributeAsync("data-generation-id"))!);
        await App.WaitForAsync(generationId, g => g.IsArchived);

        // The member shares it publicly: Copy share link → Public → Create link.
        await song.GetByRole(AriaRole.Button, new() { Name = "Copy share link", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByText("Public — anyone with the link").ClickAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Radio, new() { Name = "Public — anyone with the link" })).ToBeCheckedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var shareField = dialog.GetByRole(AriaRole.Textbox, new() { Name = "Share link", Exact = true });
        await Assertions.Expect(shareField).ToHaveValueAsync(new Regex("/s/[A-Za-z0-9_-]{43}$"), new() { Timeout = 15_000 });
        var shareUrl = await shareField.InputValueAsync();
        Assert.StartsWith(App.BaseAddress.ToString(), shareUrl, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("Share link copied")).ToBeVisibleAsync(Visible);
        Assert.Equal(shareUrl, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // The database agrees: a public link to the member's own song, made by the member.
        using (var scope = App.Services.CreateScope())
        {
            var memberUser = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(MemberEmail);
            Assert.NotNull(memberUser);
            Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().IsInRoleAsync(memberUser, AccountRoles.Member));
            var stored = await scope.ServiceProvider.GetRequiredService<SharedSongs>()
                .ResolveAsync(shareUrl[(shareUrl.LastIndexOf('/') + 1)..], cancellationToken);
            Assert.Equal(ShareOutcome.Active, stored.Outcome);
            Assert.Equal(ShareVisibility.Public, stored.Share!.Visibility);
            Assert.Equal(generationId, stored.Song!.Id);
            Assert.Equal(memberUser.Id, stored.Song.OwnerId);
            Assert.Equal(memberUser.Id, stored.Share.CreatedByUserId);
            Assert.Equal("Two keys on a single ring", stored.Song.Title);
        }

        // A stranger with no account (fresh context, no cookies) opens the link and plays the song.
        await using var strangerContext = await browser.Browser.NewContextAsync();
        var shared = await strangerContext.NewPageAsync();
        var response = await shared.GotoAsync(shareUrl);
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(shared.GetByRole(AriaRole.Heading, new() { Name = "Two keys on a single ring", Level = 1 })).ToBeVisibleAsync(Visible);
        var audio = await shared.Locator("audio[controls]").ElementHandleAsync();
        await shared.WaitForFunctionAsync("el => el.readyState >= 1 && el.duration > 0", audio, new() { Timeout = 15_000 });
        await audio.EvaluateAsync("el => { el.muted = true; return el.play(); }");
        await shared.WaitForFunctionAsync("el => el.currentTime > 0.2 && !el.paused", audio, new() { Timeout = 15_000 });

        // The same stranger cannot get into the team app: History sends them to the login form.
        await shared.GotoAsync(new Uri(App.BaseAddress, "history").ToString());
        Assert.EndsWith("/login", new Uri(shared.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(shared.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync(Visible);
    }
}
