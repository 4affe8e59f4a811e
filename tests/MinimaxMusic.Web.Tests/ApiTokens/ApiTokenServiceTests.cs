using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Web.Features.Accounts;

namespace MinimaxMusic.Web.Tests.ApiTokens;

/// <summary>ApiTokenService's rules over a real SQLite file and a fake clock.</summary>
[Trait("Category", "Integration")]
public sealed class ApiTokenServiceTests : ApiTokenContext
{
    [Theory]
    [InlineData(null, "Give the token a name")]
    [InlineData("   ", "Give the token a name")]
    public async Task Create_WithoutAName_SaysToGiveOne(string? name, string expected)
    {
        var result = await Tokens.CreateAsync(UserId, name, Token);

        Assert.False(result.Succeeded);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(await Tokens.ListAsync(UserId, Token));
    }

    [Fact]
    public async Task Create_WithANameOver60Characters_IsRefused_But60Fit()
    {
        var tooLong = await Tokens.CreateAsync(UserId, new string('n', 61), Token);
        var fits = await Tokens.CreateAsync(UserId, new string('n', 60), Token);

        Assert.Contains("at most 60 characters", tooLong.Error, StringComparison.Ordinal);
        Assert.True(fits.Succeeded);
    }

    [Fact]
    public async Task Create_StopsAt20ActiveTokens_AndRevokingOneMakesRoom()
    {
        for (var i = 1; i <= 20; i++)
        {
            Assert.True((await Tokens.CreateAsync(UserId, $"token {i}", Token)).Succeeded);
        }

        var twentyFirst = await Tokens.CreateAsync(UserId, "one more", Token);
        Assert.Contains("at most 20 active tokens", twentyFirst.Error, StringComparison.Ordinal);
        // Someone else's limit is their own.
        Assert.True((await Tokens.CreateAsync(AddUser("other@example.test"), "theirs", Token)).Succeeded);

        Assert.True(await Tokens.RevokeAsync(UserId, (await Tokens.ListAsync(UserId, Token))[0].Id, Token));
        Assert.True((await Tokens.CreateAsync(UserId, "one more", Token)).Succeeded);
    }

    [Fact]
    public async Task Validate_RecordsLastUse_AtMostOnceAMinute()
    {
        var token = (await Tokens.CreateAsync(UserId, "script", Token)).Token!;

        Assert.Equal(UserId, (await Tokens.ValidateAsync(token, Token))?.Id);
        var first = await LastUsedAsync();
        Clock.Advance(TimeSpan.FromSeconds(59));
        await Tokens.ValidateAsync(token, Token);
        var withinTheMinute = await LastUsedAsync();
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Tokens.ValidateAsync(token, Token);

        Assert.Equal(Clock.Start.UtcDateTime, first);
        Assert.Equal(first, withinTheMinute);
        Assert.Equal(Clock.Start.UtcDateTime.AddMinutes(1), await LastUsedAsync());
    }

    [Fact]
    public async Task Validate_RefusesUnknownRevokedAndLockedOutTokens_UntilTheLockoutEnds()
    {
        var token = (await Tokens.CreateAsync(UserId, "script", Token)).Token!;
        await using (var db = await Database.CreateDbContextAsync(Token))
        {
            await db.Users.Where(u => u.Id == UserId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, Clock.GetUtcNow().AddMinutes(15)), Token);
        }

        Assert.Null(await Tokens.ValidateAsync(token, Token));
        Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.NotNull(await Tokens.ValidateAsync(token, Token));
        Assert.Null(await Tokens.ValidateAsync("mmw_not-a-token", Token));
        Assert.Null(await Tokens.ValidateAsync("not even the format", Token));

        Assert.True(await Tokens.RevokeAsync(UserId, (await Tokens.ListAsync(UserId, Token)).Single().Id, Token));
        Assert.Null(await Tokens.ValidateAsync(token, Token));
        Assert.False(await Tokens.RevokeAsync(UserId, Guid.NewGuid(), Token));
    }

    private async Task<DateTime?> LastUsedAsync()
    {
        await using var db = await Database.CreateDbContextAsync(Token);
        return (await db.ApiTokens.AsNoTracking().SingleAsync(Token)).LastUsedAtUtc;
    }
}
