using System.Globalization;
using System.Runtime.ExceptionServices;
using Refit;

namespace MinimaxMusic.Web.Upstream;

/// <summary>
/// An accepted submit: the answer's body and, when the vendor sent them, the tracing and cost headers
/// (shared/contract/models/request-tracing-and-cost.md).
/// </summary>
internal sealed record SubmitOutcome(string Id, string Status, string? InferenceId, double? CreditsUsed, decimal? UsdSpent);

internal static class SubmitOutcomeExtensions
{
    /// <summary>
    /// Reads a submit's answer, or throws what a <c>Task&lt;T&gt;</c> Refit method throws (an <see cref="ApiException"/>
    /// for an error status, the transport's own exception for a failed exchange), so
    /// <see cref="UpstreamFailure.From"/> describes it the same way.
    /// </summary>
    public static async Task<SubmitOutcome> ToOutcomeAsync(this Task<IApiResponse<SubmitGenerationResponse>> sending)
    {
        using var response = await sending;
        return response.ToOutcome();
    }

    public static SubmitOutcome ToOutcome(this IApiResponse<SubmitGenerationResponse> response)
    {
        if (response.Error is { } error)
        {
            // A request that never got an answer is wrapped by Refit; surface the transport's exception as the other calls do.
            ExceptionDispatchInfo.Throw(error is ApiRequestException { InnerException: { } transport } ? transport : error);
        }

        var body = response.Content
            ?? throw new System.Text.Json.JsonException("The AIML service answered the submit without a body.");
        return new SubmitOutcome(
            body.Id,
            body.Status,
            Header(response, AimlApiHeaders.InferenceId),
            // The headers first (every model), then the answer's meta.usage (the newer models).
            long.TryParse(Header(response, AimlApiHeaders.CreditsUsed), NumberStyles.None, CultureInfo.InvariantCulture, out var credits)
                ? credits
                : body.Meta?.Usage?.CreditsUsed,
            decimal.TryParse(Header(response, AimlApiHeaders.UsdSpent), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var usd)
                ? usd
                : body.Meta?.Usage?.UsdSpent);
    }

    private static string? Header(IApiResponse response, string name)
        => response.Headers is { } headers && headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
