using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Tests.Infrastructure;
using TokenFormat = MinimaxMusic.Web.Features.Accounts.ApiTokens;

namespace MinimaxMusic.Web.Tests.ApiTokens;

/// <summary>Personal API tokens on the real app: a Bearer token is its owner for /api, and nothing else.</summary>
[Trait("Category", "Integration")]
public sealed class ApiTokenAuthenticationTests : IAsyncLifetime
{
    private readonly List<IServiceScope> _scopes = [];
    private TestApp _app = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = new TestApp(TestApp.FastPolling());
        // Makes the admin through the real /setup form.
        using var admin = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("api/generations", Token)).StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            scope.Dispose();
        }

        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ABearerToken_ListsSongs_AndSubmitsOneInItsOwnersName()
    {
        var adminId = await UserIdAsync(TeamAccount.AdminEmail);
        var token = await CreateTokenAsync(adminId, "release script");
        using var script = WithToken(token);

        using var list = await script.GetAsync("api/generations", Token);
        using var post = await script.PostAsJsonAsync("api/generations",
            new { lyrics = "Morning light on the harbour\nGulls above the bay", referenceAudioUrl = Reference() }, Token);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var id = (await post.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetGuid();
        await using var db = await NewDbAsync();
        Assert.Equal(adminId, (await db.Generations.SingleAsync(g => g.Id == id, Token)).OwnerId);
        Assert.NotNull((await db.ApiTokens.SingleAsync(Token)).LastUsedAtUtc);
    }

    [Fact]
    public async Task AnUnknownOrRevokedToken_Gets401_AndSoDoesNoToken()
    {
        var adminId = await UserIdAsync(TeamAccount.AdminEmail);
        var token = await CreateTokenAsync(adminId, "old laptop");
        using var beforeClient = WithToken(token);
        using var before = await beforeClient.GetAsync("api/generations", Token);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var id = (await Service().ListAsync(adminId, Token)).Single().Id;

        Assert.True(await Service().RevokeAsync(adminId, id, Token));

        using var revokedClient = WithToken(token);
        using var unknownClient = WithToken(TokenFormat.Generate());
        using var tamperedClient = WithToken(token[..^2] + "AA");
        using var noneClient = WithToken(null);
        using var revoked = await revokedClient.GetAsync("api/generations", Token);
        using var unknown = await unknownClient.GetAsync("api/generations", Token);
        using var tampered = await tamperedClient.GetAsync("api/generations", Token);
        using var none = await noneClient.GetAsync("api/generations", Token);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains(revoked.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Pages_DoNotAcceptATokenInsteadOfTheCookie()
    {
        var token = await CreateTokenAsync(await UserIdAsync(TeamAccount.AdminEmail), "curl");
        using var script = WithToken(token);

        using var page = await script.GetAsync("history", Token);
        using var profile = await script.GetAsync("profile", Token);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/login?ReturnUrl=%2Fhistory", page.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
    }

    [Fact]
    public async Task TheDatabase_HoldsOnlyTheTokensHash()
    {
        var token = await CreateTokenAsync(await UserIdAsync(TeamAccount.AdminEmail), "ci");
        Assert.StartsWith("mmw_", token, StringComparison.Ordinal);
        Assert.Equal(4 + 43, token.Length);

        await using var db = await NewDbAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM ApiTokens";
        var cells = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    cells.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                }
            }
        }

        Assert.NotEmpty(cells);
        Assert.DoesNotContain(cells, cell => cell.Contains(token, StringComparison.Ordinal) || cell.Contains(token[8..], StringComparison.Ordinal));
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), cells);
        Assert.Contains(token[..8], cells);
    }

    [Fact]
    public async Task TheTokensOfADisabledOrLockedOutAccount_StopWorking()
    {
        var memberId = await CreateMemberAsync("member@example.test");
        var token = await CreateTokenAsync(memberId, "member script");
        using (var beforeClient = WithToken(token))
        using (var before = await beforeClient.GetAsync("api/generations", Token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await UpdateUserAsync(memberId, u => u.IsDisabled = true);
        using (var disabledClient = WithToken(token))
        using (var disabled = await disabledClient.GetAsync("api/generations", Token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, disabled.StatusCode);
        }

        await UpdateUserAsync(memberId, u => u.IsDisabled = false);
        await UpdateUserAsync(memberId, u => u.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(15));
        using var lockedClient = WithToken(token);
        using var locked = await lockedClient.GetAsync("api/generations", Token);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
    }

    [Fact]
    public async Task AnotherUser_CannotRevokeYourToken()
    {
        var adminId = await UserIdAsync(TeamAccount.AdminEmail);
        var memberId = await CreateMemberAsync("someone-else@example.test");
        var token = await CreateTokenAsync(adminId, "admin's script");
        var id = (await Service().ListAsync(adminId, Token)).Single().Id;

        Assert.False(await Service().RevokeAsync(memberId, id, Token));

        Assert.Empty(await Service().ListAsync(memberId, Token));
        using var stillWorksClient = WithToken(token);
        using var stillWorks = await stillWorksClient.GetAsync("api/generations", Token);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    /// <summary>The service in a scope of its own, as a request would have; the scopes are disposed with the test.</summary>
    private ApiTokenService Service()
    {
        var scope = _app.Services.CreateScope();
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<ApiTokenService>();
    }

    private async Task<string> CreateTokenAsync(string userId, string name)
    {
        var result = await Service().CreateAsync(userId, name, Token);
        Assert.True(result.Succeeded, result.Error);
        return result.Token!;
    }

    private string Reference() => _app.Services.GetRequiredService<DemoMode>().SampleReference!.ToString();

    private HttpClient WithToken(string? token)
    {
#pragma warning disable CA2000 // The handler is owned by the HttpClient (disposeHandler: true); the caller disposes the client.
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _app.BaseAddress };
#pragma warning restore CA2000
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private Task<AppDbContext> NewDbAsync() =>
        _app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Token);

    private async Task<string> UserIdAsync(string email)
    {
        using var scope = _app.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        return user!.Id;
    }

    private async Task<string> CreateMemberAsync(string email)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAtUtc = DateTime.UtcNow };
        var created = await users.CreateAsync(user, "another long passphrase");
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, AccountRoles.Member);
        return user.Id;
    }

    private async Task UpdateUserAsync(string userId, Action<AppUser> change)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId);
        change(user!);
        Assert.True((await users.UpdateAsync(user!)).Succeeded);
    }
}
