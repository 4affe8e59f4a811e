using System.Net;
using System.Text.RegularExpressions;

namespace MinimaxMusic.Benchmarks;

/// <summary>
/// An HttpClient signed in as the team admin through the app's real /setup (first use) or /login form, cookies kept,
/// the same way the integration tests' TeamAccount does it. Sign-in happens once, before any measurement.
/// </summary>
internal static partial class TeamSignIn
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "a long benchmark passphrase";

    public static async Task<HttpClient> CreateClientAsync(Uri baseAddress, int maxConnections)
    {
        // The handler is owned by the HttpClient (disposeHandler: true). The client goes to the caller, or the catch
        // below disposes it; CA2000 does not follow that catch through this async method's early return.
#pragma warning disable CA2000
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = maxConnections,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler);
#pragma warning restore CA2000
        try
        {
            client.BaseAddress = baseAddress;
            client.Timeout = TimeSpan.FromMinutes(5);

            // An app without the accounts feature answers the API directly: nothing to do.
            using (var probe = await client.GetAsync("api/generations?pageSize=1"))
            {
                if (probe.IsSuccessStatusCode)
                {
                    return client;
                }
            }

            if (!await PostFormAsync(client, "setup", "Create admin account") && !await PostFormAsync(client, "login", "Log in"))
            {
                throw new InvalidOperationException($"Could not sign in as {AdminEmail} at {baseAddress}.");
            }

            using var check = await client.GetAsync("api/generations?pageSize=1");
            if (!check.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Signed in, but GET /api/generations answered {(int)check.StatusCode}.");
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Fills and posts the page's form as a browser would; true when it answered with a redirect (signed in).</summary>
    private static async Task<bool> PostFormAsync(HttpClient client, string path, string button)
    {
        using var get = await client.GetAsync(path);
        var html = await get.Content.ReadAsStringAsync();
        if (get.StatusCode != HttpStatusCode.OK || !html.Contains(button, StringComparison.Ordinal))
        {
            return false;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            if (Attribute(tag, "name") is { } name)
            {
                fields[name] = Attribute(tag, "value") ?? string.Empty;
            }
        }

        fields["Input.Email"] = AdminEmail;
        fields["Input.Password"] = AdminPassword;
        using var content = new FormUrlEncodedContent(fields);
        using var post = await client.PostAsync(path, content);
        return post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"", RegexOptions.CultureInvariant);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InputTag();
}
