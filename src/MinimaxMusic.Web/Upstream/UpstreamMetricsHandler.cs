using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Upstream;

/// <summary>Counts every attempt sent to the AIML service (inside the retry pipeline, so retries count too).</summary>
internal sealed class UpstreamMetricsHandler(GenerationMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var kind = request.RequestUri?.AbsolutePath switch
        {
            var path when path?.EndsWith("/billing", StringComparison.Ordinal) == true => "billing",
            // Reads of the request log are not polls: counted apart, they cannot inflate the polls per song.
            var path when path?.EndsWith("/logs", StringComparison.Ordinal) == true => "logs",
            _ when request.Method == HttpMethod.Post => "submit",
            _ => "poll",
        };
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            metrics.UpstreamCall(kind, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            metrics.UpstreamCall(kind, ex is OperationCanceledException ? "timeout" : "network_error");
            throw;
        }
    }
}
