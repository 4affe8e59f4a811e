using MinimaxMusic.Web.Features.Health;

namespace MinimaxMusic.Web.Hosting;

/// <summary>
/// The paths machines call rather than people: they get status codes (401, 403, problem details), never a sign-in
/// page or a re-executed error page. One list, so a new machine endpoint is added in one place.
/// </summary>
internal static class MachinePaths
{
    public const string Api = "/api";
    public const string Media = "/media";
    public const string Blazor = "/_blazor";
    public const string Metrics = "/metrics";

    /// <summary>The REST API and song audio: where personal API tokens are accepted.</summary>
    public static bool IsApiOrMedia(PathString path) => path.StartsWithSegments(Api) || path.StartsWithSegments(Media);

    /// <summary>Health probes and the metrics scraper: open before the first admin exists.</summary>
    public static bool IsOperations(PathString path) =>
        path.StartsWithSegments(HealthEndpoints.LivenessPath) || path.StartsWithSegments(HealthEndpoints.ReadinessPath)
        || path.StartsWithSegments(Metrics);

    /// <summary>Everything a machine calls, the Blazor circuit's connection included.</summary>
    public static bool IsMachine(PathString path) => IsApiOrMedia(path) || IsOperations(path) || path.StartsWithSegments(Blazor);
}
