using System.Text.Json;
using System.Text.Json.Serialization;

namespace MinimaxMusic.Simulator;

// The wire shapes of the vendor, spelled out so that the simulator's JSON is the contract, not a serializer setting.
internal sealed record SubmitAnswer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("meta"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MetaAnswer? Meta = null);

internal sealed record PollAnswer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("audio_file")] AudioFileAnswer? AudioFile,
    [property: JsonPropertyName("error")] ErrorAnswer? Error,
    [property: JsonPropertyName("meta")] MetaAnswer? Meta);

internal sealed record AudioFileAnswer(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("file_name")] string FileName,
    [property: JsonPropertyName("file_size")] long FileSize);

internal sealed record ErrorAnswer(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("message")] string Message);

internal sealed record MetaAnswer([property: JsonPropertyName("usage")] UsageAnswer Usage);

internal sealed record UsageAnswer(
    [property: JsonPropertyName("credits_used")] double CreditsUsed,
    [property: JsonPropertyName("usd_spent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? UsdSpent = null);

/// <summary>
/// A newer model's poll answer (universal-audio-fetch.json): only what applies is sent, the audio file is just its
/// signed URL, and 1.5 and 2.0 add <c>extra_info</c> and <c>trace_id</c> once completed, as their pages show.
/// </summary>
internal sealed record ModelPollAnswer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("audio_file"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UrlAnswer? AudioFile,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorAnswer? Error,
    [property: JsonPropertyName("meta"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MetaAnswer? Meta,
    [property: JsonPropertyName("extra_info"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ExtraInfoAnswer? ExtraInfo = null,
    [property: JsonPropertyName("trace_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceId = null);

internal sealed record UrlAnswer([property: JsonPropertyName("url")] string Url);

/// <summary>What 1.5's and 2.0's completed answers add: the duration in milliseconds and the output's settings.</summary>
internal sealed record ExtraInfoAnswer(
    [property: JsonPropertyName("music_duration")] long MusicDuration,
    [property: JsonPropertyName("music_sample_rate")] int MusicSampleRate,
    [property: JsonPropertyName("music_channel")] int MusicChannel,
    [property: JsonPropertyName("bitrate")] int Bitrate,
    [property: JsonPropertyName("music_size")] long MusicSize);

internal sealed record BillingAnswer(
    [property: JsonPropertyName("current_balance")] decimal CurrentBalance,
    [property: JsonPropertyName("currency")] string Currency);

internal sealed record LogsAnswer(
    [property: JsonPropertyName("data")] IReadOnlyList<LogRowAnswer> Data,
    [property: JsonPropertyName("pagination")] PaginationAnswer Pagination);

internal sealed record LogRowAnswer(
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("origin")] string Origin,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("cost")] CostAnswer Cost,
    [property: JsonPropertyName("tokens")] TokensAnswer Tokens,
    [property: JsonPropertyName("request_id")] string? RequestId,
    [property: JsonPropertyName("inference_id")] string InferenceId,
    [property: JsonPropertyName("client_request_id")] string? ClientRequestId);

internal sealed record CostAnswer(
    [property: JsonPropertyName("usd")] decimal Usd,
    [property: JsonPropertyName("credits")] long Credits);

internal sealed record TokensAnswer(
    [property: JsonPropertyName("input")] int Input,
    [property: JsonPropertyName("output")] int Output,
    [property: JsonPropertyName("total")] int Total);

internal sealed record PaginationAnswer(
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("has_more")] bool HasMore);

internal sealed record ErrorBody(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("timestamp")] string Timestamp);

internal static class SimulatorJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
