using System.Net;

namespace MinimaxMusic.Web.Security;

/// <summary>
/// Follows redirects itself (the primary handler has AllowAutoRedirect off) so that every hop passes the
/// guard's URL rules; each hop to a new origin opens a new connection, which the connect step checks again.
/// </summary>
internal sealed class GuardedRedirectHandler(OutboundGuard guard) : DelegatingHandler
{
    public const int MaxRedirects = 5;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope",
        Justification = "The last hop's request travels with its response (RequestMessage); earlier hops are disposed here.")]
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request;
        Refuse(guard.CheckUrl(request.RequestUri!));
        var response = await base.SendAsync(request, cancellationToken);
        for (var hops = 0; IsRedirect(response.StatusCode) && response.Headers.Location is { } location; hops++)
        {
            var from = request.RequestUri!;
            if (hops == MaxRedirects)
            {
                response.Dispose();
                throw new OutboundUrlRefusedException($"the server redirected more than {MaxRedirects} times");
            }

            // A relative Location is resolved against the URL that answered, as browsers do.
            var target = location.IsAbsoluteUri ? location : new Uri(from, location);
            response.Dispose();
            Refuse(guard.CheckUrl(target) is { } problem ? $"the server redirected to a URL that is not allowed: {problem}" : null);
            if (from.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp)
            {
                throw new OutboundUrlRefusedException("the server redirected from https to plain http");
            }

            var next = NextRequest(request, target, response.StatusCode);
            if (!ReferenceEquals(request, original))
            {
                request.Dispose();
            }

            request = next;
            response = await base.SendAsync(request, cancellationToken);
        }

        return response;
    }

    private static void Refuse(string? problem)
    {
        if (problem is not null)
        {
            throw new OutboundUrlRefusedException(problem);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static HttpRequestMessage NextRequest(HttpRequestMessage previous, Uri target, HttpStatusCode status)
    {
        // 303, and 301/302 after a POST, continue as a GET without a body (what every client does).
        var keepMethod = status is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
            || previous.Method == HttpMethod.Get || previous.Method == HttpMethod.Head;
        var next = new HttpRequestMessage(keepMethod ? previous.Method : HttpMethod.Get, target)
        {
            Version = previous.Version,
            VersionPolicy = previous.VersionPolicy,
        };
        if (keepMethod && previous.Content is not null)
        {
            throw new OutboundUrlRefusedException("the server redirected a request with a body; this client does not re-send bodies");
        }

        var sameOrigin = Uri.Compare(previous.RequestUri, target, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        foreach (var header in previous.Headers)
        {
            // Credentials never follow a redirect to another origin.
            if (!sameOrigin && (header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                || header.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (!header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return next;
    }
}
