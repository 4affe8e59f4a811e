using System.Net.Http.Json;
using MinimaxMusic.Web.Features.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace MinimaxMusic.Web.Tests.Accounts;

/// <summary>
/// One request in the matrix: what is asked (<see cref="Request"/>) and what each person must get back.
/// An expectation is a status code, and for a redirect where it leads ("302 /login").
/// </summary>
public sealed record MatrixCase(
    string Method,
    string Route,
    string Situation,
    Func<AuthorizationWorld, Task<HttpRequestMessage>> Request,
    string Anonymous,
    string Member,
    string OtherMember,
    string Admin)
{
    public string Id => $"{Method} {Route} · {Situation}";

    public string Expected(Who who) => who switch
    {
        Who.Anonymous => Anonymous,
        Who.Member => Member,
        Who.OtherMember => OtherMember,
        _ => Admin,
    };
}

/// <summary>
/// Who may do what, for every endpoint the app maps: anonymous visitors, the member who made the song, another
/// member, and an admin. <see cref="EveryEndpoint_HasARule"/> reads the app's own endpoint list, so an endpoint added
/// without a rule here fails the suite; each cell is a real request to the real app.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AuthorizationMatrixTests(AuthorizationWorld world) : IClassFixture<AuthorizationWorld>
{
    private const string Login = "302 /login";
    private const string Denied = "302 /access-denied";
    private const string Forged = "400";

    private static readonly MatrixCase[] Cases =
    [
        // Pages for the team: people who are not signed in are sent to sign in.
        Get("/", "the Create page", _ => "", Login, "200", "200", "200"),
        Get("/history", "the history", _ => "history", Login, "200", "200", "200"),
        Get("/tracks/{Id:guid}", "the member's song", w => $"tracks/{w.Song.Id}", Login, "200", "200", "200"),
        Get("/profile", "one's own profile and API tokens", _ => "profile", Login, "200", "200", "200"),
        Get("/admin/members", "members and invites", _ => "admin/members", Login, Denied, Denied, "200"),
        Get("/admin/usage", "the team's spending", _ => "admin/usage", Login, Denied, Denied, "200"),
        Get("/access-denied", "the access-denied page", _ => "access-denied", Login, "200", "200", "200"),
        // Pages for getting in.
        Get("/login", "the sign-in form", _ => "login", "200", "200", "200", "200"),
        Get("/register", "open registration, off by default", _ => "register", "403", "403", "403", "403"),
        Get("/setup", "first-run setup once an admin exists", _ => "setup", Login, Login, Login, Login),
        Get("/invite/{InviteToken}", "a pending invite", w => w.InvitePath, "200", "200", "200", "200"),
        Get("/not-found", "the not-found page", _ => "not-found", "404", "404", "404", "404"),
        Get("/Error", "the error page", _ => "Error", "200", "200", "200", "200"),
        // Share pages: the token is the permission; Team links also need a signed-in member.
        Get("/s/{Token}", "a public link", w => $"s/{w.PublicShare.Token}", "200", "200", "200", "200"),
        Get("/s/{Token}", "a team link", w => $"s/{w.TeamShare.Token}", Login, "200", "200", "200"),
        Get("/s/{Token}", "a revoked link", w => $"s/{w.RevokedShare.Token}", "410", "410", "410", "410"),
        Get("/s/{Token}", "an unknown token", _ => "s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "404", "404", "404", "404"),
        Get("/s/{token}/audio", "a public link's audio", w => $"s/{w.PublicShare.Token}/audio", "200", "200", "200", "200"),
        Get("/s/{token}/audio", "a team link's audio", w => $"s/{w.TeamShare.Token}/audio", "401", "200", "200", "200"),
        Get("/s/{token}/audio", "a revoked link's audio", w => $"s/{w.RevokedShare.Token}/audio", "410", "410", "410", "410"),
        Get("/s/{token}/audio", "download where the owner did not allow it", w => $"s/{w.PublicShare.Token}/audio?download=true", "403", "403", "403", "403"),
        Head("/s/{token}/audio", "a public link's audio", w => $"s/{w.PublicShare.Token}/audio", "200", "200", "200", "200"),
        Head("/s/{token}/audio", "a team link's audio", w => $"s/{w.TeamShare.Token}/audio", "401", "200", "200", "200"),
        Head("/s/{token}/audio", "a revoked link's audio", w => $"s/{w.RevokedShare.Token}/audio", "410", "410", "410", "410"),
        Get("/s/{token}/embed", "a public link's player", w => $"s/{w.PublicShare.Token}/embed", "200", "200", "200", "200"),
        Get("/s/{token}/embed", "a team link's player", w => $"s/{w.TeamShare.Token}/embed", Login, "200", "200", "200"),
        Get("/s/{token}/embed", "a revoked link's player", w => $"s/{w.RevokedShare.Token}/embed", "410", "410", "410", "410"),
        Get("/oembed", "a public link", w => OEmbed(w, w.PublicShare.Token), "200", "200", "200", "200"),
        Get("/oembed", "a team link", w => OEmbed(w, w.TeamShare.Token), "401", "200", "200", "200"),
        Get("/oembed", "a revoked link", w => OEmbed(w, w.RevokedShare.Token), "404", "404", "404", "404"),
        // Audio and the REST API: machines get 401, not a sign-in page.
        Get("/media/{id:guid}", "the member's song", w => $"media/{w.Song.Id}", "401", "200", "200", "200"),
        Head("/media/{id:guid}", "the member's song", w => $"media/{w.Song.Id}", "401", "200", "200", "200"),
        Get("/media/{id:guid}/download/{format}", "the member's song as FLAC", w => $"media/{w.Song.Id}/download/flac", "401", "200", "200", "200"),
        Get("/media/{id:guid}/download/{format}", "the member's song as it was saved", w => $"media/{w.Song.Id}/download/original", "401", "200", "200", "200"),
        Get("/api/generations/", "the team's songs", _ => "api/generations", "401", "200", "200", "200"),
        Get("/api/generations/{id:guid}", "the member's song", w => $"api/generations/{w.Song.Id}", "401", "200", "200", "200"),
        new("POST", "/api/generations/", "a new song", SubmitSong, "401", "202", "202", "202"),
        new("DELETE", "/api/generations/{id:guid}", "the member's song (a fresh one each time)", DeleteSong, "401", "204", "403", "204"),
        Get("/openapi/{documentName}.json", "the API description", _ => "openapi/v1.json", Login, "200", "200", "200"),
        // Reference files: the AIML service downloads them without an account; the 128-bit name is the permission.
        Get("/references/{file}", "an uploaded reference", w => $"references/{w.ReferenceFile}", "200", "200", "200", "200"),
        new("HEAD", "/references/{file}", "an uploaded reference", w => Request(HttpMethod.Head, $"references/{w.ReferenceFile}"), "200", "200", "200", "200"),
        // Operations: probes and scrapers have no account (keep /metrics off the public network; see the README).
        Get("/healthz", "liveness", _ => "healthz", "200", "200", "200", "200"),
        Get("/readyz", "readiness", _ => "readyz", "200", "200", "200", "200"),
        Get("/metrics", "Prometheus metrics (Metrics:Enabled)", _ => "metrics", "200", "200", "200", "200"),
        // Signing out is a form post with an antiforgery token; a forged one does nothing.
        new("POST", "/logout", "without an antiforgery token", w => Form("logout"), Login, Forged, Forged, Forged),
        // The Blazor circuit: only for signed-in people (every interactive page is).
        new("POST", "/_blazor/negotiate", "opening a circuit", _ => Request(HttpMethod.Post, "_blazor/negotiate?negotiateVersion=1"), "401", "200", "200", "200"),
        Get("/_blazor", "a connection without an id", _ => "_blazor", "401", "400", "400", "400"),
        Get("/_blazor/initializers/", "the circuit's script initializers", _ => "_blazor/initializers/", "401", "200", "200", "200"),
        new("POST", "/_blazor/disconnect/", "closing a circuit that does not exist", _ => Form("_blazor/disconnect/"), "401", "400", "400", "400"),
        Get("/_framework/opaque-redirect", "a redirect with no target", _ => "_framework/opaque-redirect", Login, "400", "400", "400"),
        // Development's fallback for files added after build; anything unknown is not found, after sign-in.
        Get("{**path:file}", "a file that does not exist", _ => "no-such-file.txt", Login, "404", "404", "404"),
        new("HEAD", "{**path:file}", "a file that does not exist", _ => Request(HttpMethod.Head, "no-such-file.txt"), Login, "404", "404", "404"),
        .. FormPosts(),
    ];

    public static TheoryData<string, Who> Cells()
    {
        var data = new TheoryData<string, Who>();
        foreach (var @case in Cases)
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                data.Add(@case.Id, who);
            }
        }

        return data;
    }

    [Fact]
    public void EveryEndpoint_HasARule_AndEveryRuleAnEndpoint()
    {
        var missing = new List<string>();
        foreach (var endpoint in world.Endpoints)
        {
            var methods = endpoint.Methods.Count == 0 ? ["any method"] : endpoint.Methods;
            foreach (var method in methods)
            {
                if (!Cases.Any(c => c.Route == endpoint.Route && (c.Method == method || method == "any method")))
                {
                    missing.Add($"{method} {endpoint.Route}");
                }
            }
        }

        Assert.True(missing.Count == 0,
            $"Endpoints with no rule in the authorization matrix (say who may call them): {string.Join(", ", missing)}");
        var stale = Cases.Select(c => c.Route).Distinct().Where(route => world.Endpoints.All(e => e.Route != route)).ToList();
        Assert.True(stale.Count == 0, $"Rules for endpoints the app no longer maps: {string.Join(", ", stale)}");
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task EachPerson_GetsWhatTheRuleSays(string caseId, Who who)
    {
        var @case = Cases.Single(c => c.Id == caseId);
        using var request = await @case.Request(world);
        using var response = await world.Client(who).SendAsync(request, TestContext.Current.CancellationToken);

        var actual = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            var path = (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]);
            actual += " " + path;
        }

        Assert.Equal(@case.Expected(who), actual);
    }

    private static MatrixCase Get(string route, string situation, Func<AuthorizationWorld, string> url,
        string anonymous, string member, string otherMember, string admin) =>
        new("GET", route, situation, w => Request(HttpMethod.Get, url(w)), anonymous, member, otherMember, admin);

    private static MatrixCase Head(string route, string situation, Func<AuthorizationWorld, string> url,
        string anonymous, string member, string otherMember, string admin) =>
        new("HEAD", route, situation, w => Request(HttpMethod.Head, url(w)), anonymous, member, otherMember, admin);

    /// <summary>
    /// Every page also answers POST (Blazor's form handling). A post without an antiforgery token is refused for
    /// everyone; people who may not see the page are sent on before the token is even looked at.
    /// </summary>
    private static IEnumerable<MatrixCase> FormPosts()
    {
        MatrixCase Post(string route, string url, string anonymous, string member, string otherMember, string admin) =>
            new("POST", route, "a form post without an antiforgery token", _ => Form(url), anonymous, member, otherMember, admin);

        yield return Post("/", "", Login, Forged, Forged, Forged);
        yield return Post("/history", "history", Login, Forged, Forged, Forged);
        yield return Post("/tracks/{Id:guid}", $"tracks/{Guid.NewGuid()}", Login, Forged, Forged, Forged);
        yield return Post("/profile", "profile", Login, Forged, Forged, Forged);
        yield return Post("/admin/members", "admin/members", Login, Denied, Denied, Forged);
        yield return Post("/admin/usage", "admin/usage", Login, Denied, Denied, Forged);
        yield return Post("/access-denied", "access-denied", Login, Forged, Forged, Forged);
        yield return Post("/login", "login", Forged, Forged, Forged, Forged);
        yield return Post("/register", "register", Forged, Forged, Forged, Forged);
        yield return Post("/setup", "setup", Forged, Forged, Forged, Forged);
        yield return Post("/invite/{InviteToken}", "invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Forged, Forged, Forged, Forged);
        yield return Post("/not-found", "not-found", Forged, Forged, Forged, Forged);
        yield return Post("/Error", "Error", Forged, Forged, Forged, Forged);
        yield return Post("/s/{Token}", "s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Forged, Forged, Forged, Forged);
    }

    private static Task<HttpRequestMessage> Request(HttpMethod method, string url) => Task.FromResult(new HttpRequestMessage(method, url));

    private static Task<HttpRequestMessage> Form(string url) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, url)
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "form" }),
    });

    private static string OEmbed(AuthorizationWorld world, string token) =>
        $"oembed?url={Uri.EscapeDataString(new Uri(world.App.BaseAddress, $"s/{token}").ToString())}";

    private static Task<HttpRequestMessage> SubmitSong(AuthorizationWorld world)
    {
        var reference = world.App.Services.GetRequiredService<DemoMode>().SampleReference!.ToString();
        return Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "api/generations")
        {
            Content = JsonContent.Create(new { lyrics = "A matrix of doors\nEach one with a key", referenceAudioUrl = reference }),
        });
    }

    private static async Task<HttpRequestMessage> DeleteSong(AuthorizationWorld world)
    {
        var song = await world.AddMembersSongAsync();
        return new HttpRequestMessage(HttpMethod.Delete, $"api/generations/{song.Id}");
    }
}
