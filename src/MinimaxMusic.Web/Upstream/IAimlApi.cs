using System.Text.Json.Nodes;
using Refit;

namespace MinimaxMusic.Web.Upstream;

/// <summary>
/// The AIML API calls the app makes (shared/contract/aimlapi-minimax-music.openapi.json; the request log and the
/// tracing headers in shared/contract/models/).
/// </summary>
internal interface IAimlApi
{
    /// <summary>
    /// Sends one submit. The answer keeps its headers (<c>x-inference-id</c>, cost): read it with
    /// <see cref="SubmitOutcomeExtensions.ToOutcomeAsync"/>, which throws as the other calls do.
    /// </summary>
    /// <param name="request">The model's exact body (<see cref="ModelRules.Body"/>): each model names its fields its own way.</param>
    /// <param name="clientRequestId">Our id for the work (the generation's id), recorded by the vendor and listed in its log.</param>
    [Post("/v2/generate/audio")]
    Task<IApiResponse<SubmitGenerationResponse>> SubmitAsync(
        [Body] JsonObject request,
        [Header(AimlApiHeaders.ClientRequestId)] string clientRequestId,
        CancellationToken cancellationToken = default);

    // The id is opaque and contains ':'; Refit URL-encodes query values.
    [Get("/v2/generate/audio")]
    Task<GenerationResponse> PollAsync([AliasAs("generation_id")] string generationId, CancellationToken cancellationToken = default);

    [Get("/v2/billing")]
    Task<BillingResponse> GetBillingAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The vendor's request log, newest first: <paramref name="period"/> (<c>24h</c>, <c>7d</c>) or
    /// <paramref name="start"/> and <paramref name="end"/> (at most 92 days), never both. Several models or statuses
    /// are sent as repeated parameters (a comma-separated value would be read as one name). 429 over 200 reads a minute.
    /// </summary>
    [Get("/v2/logs")]
    Task<LogsResponse> ListLogsAsync(
        string? period = null,
        [Query(Format = "O")] DateTimeOffset? start = null,
        [Query(Format = "O")] DateTimeOffset? end = null,
        [AliasAs("model"), Query(CollectionFormat.Multi)] IEnumerable<string>? models = null,
        [AliasAs("status"), Query(CollectionFormat.Multi)] IEnumerable<string>? statuses = null,
        int? limit = null,
        int? offset = null,
        CancellationToken cancellationToken = default);
}

internal static class AimlApiHeaders
{
    public const string ClientRequestId = "X-Client-Request-Id";
    public const string InferenceId = "x-inference-id";
    public const string CreditsUsed = "x-aimlapi-credits-used";
    public const string UsdSpent = "x-aimlapi-usd-spent";
}
