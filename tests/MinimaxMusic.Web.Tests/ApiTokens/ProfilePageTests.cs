using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.Accounts;
using MudBlazor;

namespace MinimaxMusic.Web.Tests.ApiTokens;

/// <summary>The profile page: a new token is shown once; afterwards only its prefix.</summary>
[Trait("Category", "Integration")]
public sealed class ProfilePageTests : ApiTokenContext
{
    [Fact]
    public void CreatingAToken_ShowsItOnce_AndAfterAReloadOnlyItsPrefix()
    {
        var page = Render<ProfilePage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".api-tokens-empty")));
        Assert.Contains(Email, page.Find(".profile-email").TextContent, StringComparison.Ordinal);

        page.Find(".api-token-name input").Input("release script");
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Create token").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".api-token-new input")));
        var token = page.Find(".api-token-new input").GetAttribute("value")!;
        Assert.StartsWith("mmw_", token, StringComparison.Ordinal);
        Assert.NotNull(page.Find(".api-token-new input").GetAttribute("readonly"));
        Assert.Contains("Copy it now: it is not shown again.", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "Copy");
        Assert.Equal("release script", page.Find("tr.api-token .api-token-row-name").TextContent.Trim());

        var reloaded = Render<ProfilePage>();
        reloaded.WaitForAssertion(() => Assert.Single(reloaded.FindAll("tr.api-token")));

        Assert.DoesNotContain(token, reloaded.Markup, StringComparison.Ordinal);
        Assert.Equal(token[..8] + "…", reloaded.Find("tr.api-token .api-token-prefix").TextContent.Trim());
        Assert.Empty(reloaded.FindAll(".api-token-new"));
    }

    [Fact]
    public async Task CreatingWithoutAName_SaysWhy_AndMakesNothing()
    {
        var page = Render<ProfilePage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".api-tokens-empty")));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Create token").Click();

        page.WaitForAssertion(() => Assert.StartsWith("Give the token a name", page.Find(".api-token-error").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Empty(page.FindAll(".api-token-new"));
        Assert.Empty(await Tokens.ListAsync(UserId, Token));
    }

    [Fact]
    public async Task Revoke_AsksFirst_ThenTheTokenStopsWorking()
    {
        var created = await Tokens.CreateAsync(UserId, "old laptop", Token);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ProfilePage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr.api-token")));

        page.Find("tr.api-token").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click());
        Assert.NotNull(await Tokens.ValidateAsync(created.Token, Token));

        page.Find("tr.api-token").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click());

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".api-tokens-empty")));
        Assert.Null(await Tokens.ValidateAsync(created.Token, Token));
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "API token revoked");
    }
}
