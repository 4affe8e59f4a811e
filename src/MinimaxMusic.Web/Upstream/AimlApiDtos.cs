using System.Text.Json;
using System.Text.Json.Serialization;

namespace MinimaxMusic.Web.Upstream;

// Wire format is snake_case; AimlApiJson.Options applies the naming policy, so names here stay idiomatic.
/// <summary>The submit's answer; the newer models say what it cost in <see cref="Meta"/> (2.6's sample does).</summary>
internal sealed record SubmitGenerationResponse(string Id, string Status, GenerationMeta? Meta = null);

internal sealed record GenerationResponse(
    string Id,
    string Status,
    AudioFile? AudioFile,
    UpstreamError? Error,
    GenerationMeta? Meta);

internal sealed record AudioFile(string Url, string? ContentType, string? FileName, long? FileSize);

internal sealed record UpstreamError(string Name, string Message);

internal sealed record GenerationMeta(GenerationUsage? Usage);

internal sealed record GenerationUsage(double? CreditsUsed, decimal? UsdSpent = null);

internal sealed record BillingResponse(decimal CurrentBalance, string Currency);

/// <summary>One page of <c>GET /v2/logs</c> (shared/contract/models/logs-v2.json).</summary>
internal sealed record LogsResponse(IReadOnlyList<LogEntry> Data, LogsPagination Pagination);

/// <summary>
/// One request the vendor recorded. <see cref="InferenceId"/> is the generation id of an async generation;
/// <see cref="ClientRequestId"/> the <c>X-Client-Request-Id</c> it was sent with (null when none or an invalid one).
/// </summary>
internal sealed record LogEntry(
    DateTimeOffset Created,
    string Status,
    string? Origin,
    string Model,
    LogCost Cost,
    LogTokens? Tokens,
    string? RequestId,
    string InferenceId,
    string? ClientRequestId)
{
    public const string SucceededStatus = "succeeded";
    public const string FailedStatus = "failed";

    /// <summary>Accepted (and charged); a failed request was billed nothing.</summary>
    public bool Succeeded => Status == SucceededStatus;
}

internal sealed record LogCost(decimal Usd, long Credits);

internal sealed record LogTokens(long Input, long Output, long Total);

internal sealed record LogsPagination(int Limit, int Offset, int Total, bool HasMore);

/// <summary>The vendor's error body. Its example sends <c>statusCode</c> as a string, its service as a number: accept both.</summary>
internal sealed record UpstreamErrorBody(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("requestId")] string? RequestId,
    [property: JsonPropertyName("statusCode"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] int? StatusCode,
    [property: JsonPropertyName("timestamp")] string? Timestamp);

internal static class AimlApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
