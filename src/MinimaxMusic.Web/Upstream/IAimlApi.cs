using Refit;

namespace MinimaxMusic.Web.Upstream;

/// <summary>The three AIML API calls the app makes (shared/contract/aimlapi-minimax-music.openapi.json).</summary>
internal interface IAimlApi
{
    [Post("/v2/generate/audio")]
    Task<SubmitGenerationResponse> SubmitAsync([Body] SubmitGenerationRequest request, CancellationToken cancellationToken = default);

    // The id is opaque and contains ':'; Refit URL-encodes query values.
    [Get("/v2/generate/audio")]
    Task<GenerationResponse> PollAsync([AliasAs("generation_id")] string generationId, CancellationToken cancellationToken = default);

    [Get("/v2/billing")]
    Task<BillingResponse> GetBillingAsync(CancellationToken cancellationToken = default);
}
