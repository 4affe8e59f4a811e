using MinimaxMusic.Web.Hosting;

namespace MinimaxMusic.Web.Features.Health;

/// <summary>
/// <c>dotnet MinimaxMusic.Web.dll healthcheck</c>: asks the running app's <c>/healthz</c> on this machine and exits
/// 0 when it answers 200, 1 otherwise. The Docker HEALTHCHECK uses it, as the runtime image has no curl.
/// </summary>
internal static class HealthProbeCommand
{
    public const string Verb = "healthcheck";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var url = LivenessUrl(
            args.Count > 1 ? args[1] : null,
            Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS"),
            Environment.GetEnvironmentVariable("ASPNETCORE_URLS"),
            Environment.GetEnvironmentVariable("App__PathBase"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url);
            Console.WriteLine($"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{url}: no answer ({ex.Message})");
            return 1;
        }
    }

    /// <summary>
    /// Where the app listens on this machine: an explicit URL; else the first http URL of ASPNETCORE_URLS with a
    /// wildcard host made loopback; else the first port of ASPNETCORE_HTTP_PORTS (the container images set 8080).
    /// </summary>
    internal static Uri LivenessUrl(string? explicitUrl, string? httpPorts, string? urls, string? pathBase)
    {
        if (!string.IsNullOrWhiteSpace(explicitUrl))
        {
            return new Uri(explicitUrl);
        }

        var root = "http://127.0.0.1:8080";
        var port = httpPorts?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var url = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        // As in ASP.NET Core, ASPNETCORE_URLS wins over ASPNETCORE_HTTP_PORTS.
        if (url is not null)
        {
            root = url.Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
                .TrimEnd('/');
        }
        else if (port is not null)
        {
            root = $"http://127.0.0.1:{port}";
        }

        // The app's own reading of App:PathBase ("/" and blanks are no path base).
        return new Uri(root + new AppOptions { PathBase = pathBase }.NormalizedPathBase + HealthEndpoints.LivenessPath);
    }
}
