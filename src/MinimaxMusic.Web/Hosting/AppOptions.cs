using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MinimaxMusic.Web.Hosting;

internal sealed class AppOptions
{
    public const string SectionName = "App";

    /// <summary>
    /// The address the outside world (and the AIML service) reaches this app at, e.g. https://music.example.com/.
    /// Empty: uploaded references and songs-as-references are off, because the upstream could not download them.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The path a reverse proxy serves the app under, e.g. /music for https://example.com/music/. Empty: the app is
    /// at the root of its host name.
    /// </summary>
    public string? PathBase { get; set; }

    /// <summary><see cref="PathBase"/> as ASP.NET Core wants it ("/music"), or empty.</summary>
    public PathString NormalizedPathBase => string.IsNullOrWhiteSpace(PathBase) || PathBase.Trim() == "/"
        ? PathString.Empty
        : new PathString("/" + PathBase.Trim().Trim('/'));

    /// <summary><see cref="PublicBaseUrl"/> with a trailing slash, so relative paths append; null when not configured.</summary>
    public Uri? PublicBase => TryParse(PublicBaseUrl, out var uri, out _) ? uri : null;

    internal static bool TryParse(string? value, out Uri? uri, out string? problem)
    {
        uri = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            problem = "is not an absolute http:// or https:// URL";
            return false;
        }

        if (parsed.UserInfo.Length > 0)
        {
            problem = "must not contain a user name or password";
            return false;
        }

        if (parsed.Query.Length > 0 || parsed.Fragment.Length > 0)
        {
            problem = "must not have a query string or fragment";
            return false;
        }

        var path = parsed.AbsolutePath.EndsWith('/') ? parsed.AbsolutePath : parsed.AbsolutePath + "/";
        uri = new UriBuilder(parsed) { Path = path }.Uri;
        return true;
    }
}

internal sealed class AppOptionsValidator : IValidateOptions<AppOptions>
{
    public ValidateOptionsResult Validate(string? name, AppOptions options)
    {
        if (options.PathBase is { } pathBase && !string.IsNullOrWhiteSpace(pathBase)
            && (!pathBase.Trim().StartsWith('/') || pathBase.Contains("//", StringComparison.Ordinal)
                || pathBase.IndexOfAny(['?', '#', ' ', '\\']) >= 0 || pathBase.Contains("://", StringComparison.Ordinal)))
        {
            return ValidateOptionsResult.Fail(
                $"App:PathBase ('{pathBase}') must be a path such as /music: starting with /, without a host, query or spaces. "
                + "Set it (environment variable App__PathBase) to the path your reverse proxy serves the app under, or leave it empty.");
        }

        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl) || AppOptions.TryParse(options.PublicBaseUrl, out _, out var problem))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"App:PublicBaseUrl ('{options.PublicBaseUrl}') {problem}. Set it (environment variable App__PublicBaseUrl) to the "
            + "address the internet reaches this app at, such as https://music.example.com/, or leave it empty to turn "
            + "uploaded references off.");
    }
}

internal static class AppOptionsServiceCollectionExtensions
{
    /// <summary>Binds <see cref="AppOptions"/> to the "App" section and validates it at start-up. Safe to call more than once.</summary>
    public static IServiceCollection AddAppOptions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<AppOptions>)))
        {
            return services;
        }

        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AppOptions>, AppOptionsValidator>());
        return services;
    }
}
