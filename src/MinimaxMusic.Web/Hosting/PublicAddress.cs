using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace MinimaxMusic.Web.Hosting;

/// <summary>
/// The app's root as people outside it reach it, for links that leave the app (share links, invites): from
/// <c>App:PublicBaseUrl</c> when set, else from the address the request or the browser used. Always ends with a slash.
/// </summary>
internal sealed class PublicAddress(IOptions<AppOptions> options)
{
    /// <summary>For a request: scheme, host and path base.</summary>
    public Uri BaseFor(HttpRequest request) =>
        options.Value.PublicBase ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");

    /// <summary>Inside a circuit, where there is no request: the browser's base href.</summary>
    public Uri BaseFor(NavigationManager navigation) => options.Value.PublicBase ?? new Uri(navigation.BaseUri);
}
