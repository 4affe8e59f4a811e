using System.Text.Json;
using System.Text.Json.Serialization;

namespace MinimaxMusic.Web.Upstream;

// Wire format is snake_case; AimlApiJson.Options applies the naming policy, so names here stay idiomatic.
internal sealed record SubmitGenerationRequest(string Model, string Prompt, string ReferenceAudioUrl);

internal sealed record SubmitGenerationResponse(string Id, string Status);

internal sealed record GenerationResponse(
    string Id,
    string Status,
    AudioFile? AudioFile,
    UpstreamError? Error,
    GenerationMeta? Meta);

internal sealed record AudioFile(string Url, string? ContentType, string? FileName, long? FileSize);

internal sealed record UpstreamError(string Name, string Message);

internal sealed record GenerationMeta(GenerationUsage? Usage);

internal sealed record GenerationUsage(double CreditsUsed);

internal sealed record BillingResponse(decimal CurrentBalance, string Currency);

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
