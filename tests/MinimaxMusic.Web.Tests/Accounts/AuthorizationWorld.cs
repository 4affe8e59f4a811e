using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Tests.Sharing;

namespace MinimaxMusic.Web.Tests.Accounts;

/// <summary>Who sends a request in the authorization matrix. <see cref="Member"/> made the songs and links used.</summary>
public enum Who
{
    Anonymous,
    Member,
    OtherMember,
    Admin,
}

/// <summary>An endpoint as the app routes it: its route pattern and its HTTP methods (empty: any method).</summary>
public sealed record RoutedEndpoint(string Route, IReadOnlyList<string> Methods);

/// <summary>
/// One real app (Kestrel, SQLite, the demo simulator) with a team: an admin, a member who made a finished song and
/// shared it (public, team, revoked), another member, and a pending invite. Everyone signed in through the real forms.
/// </summary>
public sealed class AuthorizationWorld : IAsyncLifetime
{
    public const string MemberEmail = "maker@example.test";
    public const string OtherMemberEmail = "other@example.test";

    private readonly Dictionary<Who, HttpClient> _clients = [];

    internal TestApp App { get; private set; } = null!;

    public string MemberId { get; private set; } = null!;

    public Generation Song { get; private set; } = null!;

    internal ShareLink PublicShare { get; private set; } = null!;

    internal ShareLink TeamShare { get; private set; } = null!;

    internal ShareLink RevokedShare { get; private set; } = null!;

    /// <summary>The path of a pending invite, e.g. "invite/abc…".</summary>
    public string InvitePath { get; private set; } = null!;

    public string ReferenceFile { get; private set; } = null!;

    /// <summary>The app's own endpoint list, static files left out (they are public by design: the sign-in page needs them).</summary>
    public IReadOnlyList<RoutedEndpoint> Endpoints { get; private set; } = [];

    public HttpClient Client(Who who) => _clients[who];

    public async ValueTask InitializeAsync()
    {
        App = new TestApp(new Dictionary<string, string?>(TestApp.FastPolling()) { ["Metrics:Enabled"] = "true" });
        var ct = TestContext.Current.CancellationToken;

        _clients[Who.Admin] = App.CreateClientWithoutRedirects();
        // The first request makes the admin through /setup.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _clients[Who.Admin].GetAsync("api/generations", ct)).StatusCode);
        await TeamMembers.AddAsync(App.Services, MemberEmail);
        await TeamMembers.AddAsync(App.Services, OtherMemberEmail);
        _clients[Who.Member] = await TeamMembers.LogInAsync(App.BaseAddress, MemberEmail, ct, allowAutoRedirect: false);
        _clients[Who.OtherMember] = await TeamMembers.LogInAsync(App.BaseAddress, OtherMemberEmail, ct, allowAutoRedirect: false);
        _clients[Who.Anonymous] = SharingTestData.Anonymous(App.BaseAddress);

        using (var scope = App.Services.CreateScope())
        {
            MemberId = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(MemberEmail))!.Id;
        }

        Song = await AddMembersSongAsync();
        PublicShare = await ShareAsync(ShareVisibility.Public);
        TeamShare = await ShareAsync(ShareVisibility.Team);
        RevokedShare = await ShareAsync(ShareVisibility.Public, allowDownload: true);
        await using (var scope = await ActAsAsync(Who.Member))
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ShareService>().RevokeAsync(RevokedShare.Id, ct));
        }

        await using (var scope = await ActAsAsync(Who.Admin))
        {
            var invite = await scope.ServiceProvider.GetRequiredService<MemberService>().CreateInviteAsync(AccountRoles.Member, ct);
            Assert.True(invite.Succeeded, invite.Error);
            InvitePath = invite.Link!.TrimStart('/');
        }

        var store = App.Services.GetRequiredService<AudioStore>();
        ReferenceFile = $"{Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}.wav";
        Directory.CreateDirectory(store.FolderOf(AudioKind.Reference));
        await File.WriteAllBytesAsync(store.PathOf(AudioKind.Reference, ReferenceFile)!, References.AudioFixtures.SineWav(TimeSpan.FromSeconds(1)), ct);

        Endpoints = [.. App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .Select(e => new RoutedEndpoint(
                e.RoutePattern.RawText ?? "",
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))];
    }

    /// <summary>Another finished, archived song made by <see cref="MemberEmail"/> (for requests that delete one).</summary>
    public async Task<Generation> AddMembersSongAsync()
    {
        return await SharingTestData.AddCompletedSongAsync(App.Services, DateTime.UtcNow, ownerId: MemberId);
    }

    /// <summary>
    /// A service scope acting as <paramref name="who"/> the way a Blazor circuit does: the authentication state holds
    /// the principal Identity makes at sign-in (roles included). For <see cref="Who.Anonymous"/> it holds nobody, as a
    /// scope no one signed in to does.
    /// </summary>
    public async Task<AsyncServiceScope> ActAsAsync(Who who)
    {
        var scope = App.Services.CreateAsyncScope();
        if (who == Who.Anonymous)
        {
            return scope;
        }

        var email = who switch
        {
            Who.Member => MemberEmail,
            Who.OtherMember => OtherMemberEmail,
            _ => TeamAccount.AdminEmail,
        };
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!;
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user);
        var state = (Microsoft.AspNetCore.Components.Authorization.IHostEnvironmentAuthenticationStateProvider)
            scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider>();
        state.SetAuthenticationState(Task.FromResult(new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(principal)));
        return scope;
    }

    /// <summary>A fresh link for the member's song, made by the member.</summary>
    internal async Task<ShareLink> AddMembersShareAsync()
    {
        var song = await AddMembersSongAsync();
        await using var scope = await ActAsAsync(Who.Member);
        var result = await scope.ServiceProvider.GetRequiredService<ShareService>()
            .CreateOrReuseAsync(song.Id, new ShareOptions(ShareVisibility.Team, null, false));
        Assert.True(result.Succeeded, result.Error);
        return result.Share!;
    }

    private async Task<ShareLink> ShareAsync(ShareVisibility visibility, bool allowDownload = false)
    {
        await using var scope = await ActAsAsync(Who.Member);
        var result = await scope.ServiceProvider.GetRequiredService<ShareService>()
            .CreateOrReuseAsync(Song.Id, new ShareOptions(visibility, null, allowDownload));
        Assert.True(result.Succeeded, result.Error);
        return result.Share!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await App.DisposeAsync();
    }
}
