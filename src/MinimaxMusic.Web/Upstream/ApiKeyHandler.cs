using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace MinimaxMusic.Web.Upstream;

/// <summary>Adds the bearer key on the server side only; the key never leaves this handler.</summary>
internal sealed class ApiKeyHandler(IOptions<AimlApiOptions> options) : DelegatingHandler
{
    // The simulator accepts any non-empty key; demo mode has none configured.
    private const string DemoKey = "demo-mode";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = options.Value.IsDemoMode ? DemoKey : options.Value.ApiKey!;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return base.SendAsync(request, cancellationToken);
    }
}
