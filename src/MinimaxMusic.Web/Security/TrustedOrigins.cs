using System.Collections.Concurrent;

namespace MinimaxMusic.Web.Security;

/// <summary>
/// Origins the app runs itself (demo mode's in-process simulator on loopback) that skip the address check.
/// Exact host and port only: trusting 127.0.0.1:5123 trusts nothing else on loopback.
/// </summary>
internal sealed class TrustedOrigins
{
    private readonly ConcurrentDictionary<(string Host, int Port), Uri> _origins = new();

    public void Add(Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (!origin.IsAbsoluteUri || (origin.Scheme != Uri.UriSchemeHttp && origin.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("A trusted origin must be an absolute http or https URL.", nameof(origin));
        }

        _origins[(Normalize(origin.IdnHost), origin.Port)] = new Uri(origin.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>
    /// Asked at connect time, where only host and port are known; the scheme cannot change which
    /// machine a socket reaches, so it is not part of the match.
    /// </summary>
    public bool IsTrusted(string host, int port) => !_origins.IsEmpty && _origins.ContainsKey((Normalize(host), port));

    public bool IsTrusted(Uri url) => url.IsAbsoluteUri && IsTrusted(url.IdnHost, url.Port);

    private static string Normalize(string host) => host.Trim('[', ']').ToLowerInvariant();
}
