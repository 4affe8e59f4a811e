using System.Net;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Tests.Sharing;

namespace MinimaxMusic.Web.Tests.Accounts;

/// <summary>Each network address may send each account form 20 times a minute; reading pages and other forms are unaffected.</summary>
[Trait("Category", "Integration")]
public sealed class AccountFormLimitTests : IAsyncLifetime
{
    private TestApp _app = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = new TestApp(TestApp.FastPolling());
        await SharingTestData.CreateAdminAsync(_app.Services);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task TheTwentyFirstLogInPostInAMinute_IsTurnedAway_WhileThePageAndOtherFormsStillAnswer()
    {
        using var guesser = SharingTestData.Anonymous(_app.BaseAddress);
        for (var attempt = 1; attempt <= AccountFormLimits.PostsPerMinute; attempt++)
        {
            using var guessForm = Form();
            using var guess = await guesser.PostAsync("login", guessForm, Token);
            // Without a valid form token each one is refused anyway; each one still counts.
            Assert.Equal(HttpStatusCode.BadRequest, guess.StatusCode);
        }

        using var lastForm = Form();
        using var turnedAway = await guesser.PostAsync("login", lastForm, Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, turnedAway.StatusCode);
        Assert.Equal(AccountFormLimits.Message, await turnedAway.Content.ReadAsStringAsync(Token));
        Assert.Equal(TimeSpan.FromSeconds(60), turnedAway.Headers.RetryAfter?.Delta);

        Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync("login", Token)).StatusCode);
        using var inviteForm = Form();
        using var otherForm = await guesser.PostAsync("invite/some-token", inviteForm, Token);
        Assert.Equal(HttpStatusCode.BadRequest, otherForm.StatusCode);
    }

    [Fact]
    public async Task GuessingInviteTokens_SpendsOneAllowance_NotOnePerToken()
    {
        using var guesser = SharingTestData.Anonymous(_app.BaseAddress);
        for (var attempt = 1; attempt <= AccountFormLimits.PostsPerMinute; attempt++)
        {
            using var guessForm = Form();
            using var guess = await guesser.PostAsync($"invite/guess-{attempt}", guessForm, Token);
            Assert.Equal(HttpStatusCode.BadRequest, guess.StatusCode);
        }

        using var lastForm = Form();
        using var turnedAway = await guesser.PostAsync("invite/guess-21", lastForm, Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, turnedAway.StatusCode);
    }

    private static FormUrlEncodedContent Form() => new(new Dictionary<string, string>
    {
        ["_handler"] = "login",
        ["Input.Email"] = TeamAccount.AdminEmail,
        ["Input.Password"] = "a wrong guess",
    });
}
