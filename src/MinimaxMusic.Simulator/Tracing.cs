using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace MinimaxMusic.Simulator;

/// <summary>The vendor's request tracing and cost headers (contract/models/request-tracing-and-cost.md).</summary>
public static partial class Tracing
{
    public const string ClientRequestIdHeader = "X-Client-Request-Id";
    public const string InferenceIdHeader = "x-inference-id";
    public const string EchoedClientRequestIdHeader = "x-client-request-id";
    public const string CreditsUsedHeader = "x-aimlapi-credits-used";
    public const string UsdSpentHeader = "x-aimlapi-usd-spent";
    public const int MaxClientRequestIdLength = 128;

    /// <summary>1–128 characters of A–Z a–z 0–9 . _ : - (anything else is silently dropped, never refused).</summary>
    public static bool IsValidClientRequestId(string? value) =>
        value is { Length: > 0 and <= MaxClientRequestIdLength } && ClientRequestIdAlphabet().IsMatch(value);

    /// <summary>
    /// Whether <paramref name="value"/> could be a generation id the vendor issued: a lowercase hyphenated GUID, a colon and
    /// a model that names its ids so (minimax-music, 1.5, 2.0), or 21 URL-safe characters (2.6, cover).
    /// </summary>
    public static bool LooksLikeGenerationId(string? value) => value is not null && GenerationIdShape().IsMatch(value);

    internal static string NewGenerationId(SimulatedModel model) => model.IdStyle == IdStyle.Opaque
        ? AudioToken.Create()
        : $"{Guid.NewGuid()}:{model.Id}";

    /// <summary>Replaces the <c>x-inference-id</c> set by <see cref="Trace"/> once the body has named the model.</summary>
    internal static void SetInferenceId(HttpContext context, string inferenceId)
        => context.Response.Headers[InferenceIdHeader] = inferenceId;

    /// <summary>
    /// Sets <c>x-inference-id</c> and echoes a valid <c>X-Client-Request-Id</c>; returns that id, or null when none or an
    /// invalid one (or several) was sent.
    /// </summary>
    internal static string? Trace(HttpContext context, string? inferenceId)
    {
        var headers = context.Response.Headers;
        headers.AccessControlExposeHeaders = $"{InferenceIdHeader}, {EchoedClientRequestIdHeader}, {CreditsUsedHeader}, {UsdSpentHeader}";
        if (inferenceId is not null)
        {
            headers[InferenceIdHeader] = inferenceId;
        }

        var sent = context.Request.Headers[ClientRequestIdHeader];
        if (sent.Count != 1 || !IsValidClientRequestId(sent[0]))
        {
            return null;
        }

        headers[EchoedClientRequestIdHeader] = sent[0];
        return sent[0];
    }

    /// <summary>The cost headers of a non-streaming JSON answer: integer credits, USD with nine decimals (<c>0.001240000</c>).</summary>
    internal static void SetCost(HttpContext context, decimal usd, long credits)
    {
        context.Response.Headers[CreditsUsedHeader] = credits.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers[UsdSpentHeader] = usd.ToString("0.000000000", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:-]+\z")]
    private static partial Regex ClientRequestIdAlphabet();

    [GeneratedRegex(@"^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:(?:minimax-music|minimax/music-1\.5|minimax/music-2\.0)|[A-Za-z0-9_-]{21})\z")]
    private static partial Regex GenerationIdShape();
}
