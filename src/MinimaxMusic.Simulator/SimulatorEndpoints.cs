using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MinimaxMusic.Simulator;

/// <summary>The calls of the AIML contract (submit, poll, billing, the request log) plus the CDN that serves the finished audio.</summary>
public static class SimulatorEndpoints
{
    public const string SubmitPath = "/v2/generate/audio";
    public const string BillingPath = "/v2/billing";
    public const int MaxPromptLength = SubmitBodies.MaxLegacyPromptLength;
    public const string SampleReferencePath = "/samples/reference.wav";
    internal const string TooManyRequestsMessage = "Too many requests, please try again later.";

    private const string SampleReferenceLyrics = """
        ##Morning comes across the water, slow and golden on the bay
        Every boat is pulling homeward, every sail is turning grey
        We will sing the harbour songs until the evening fades away
        Lanterns on the river floating, carry all our cares away
        Hold the line and hold the chorus, let the drummer lead the way##
        """;

    private static readonly Lazy<byte[]> SampleReference = new(() => LyricsSynthesizer.Render(SampleReferenceLyrics));

    public static IEndpointRouteBuilder MapSimulator(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SubmitPath, SubmitAsync);
        endpoints.MapGet(SubmitPath, PollAsync);
        endpoints.MapGet(BillingPath, Billing);
        endpoints.MapGet(LogsEndpoint.Path, LogsEndpoint.ListAsync);
        endpoints.MapGet("/cdn/files/{fileName}", AudioFile);
        endpoints.MapGet(SignedCdn.PathPrefix + "{file}", (string file, HttpContext context, SignedCdn cdn, SimulatorState state, TimeProvider time)
            => cdn.ServeAsync(file, context, state, time));
        endpoints.MapGet("/__simulator/stats", Stats);
        endpoints.MapGet("/__simulator/lags", Lags);
        // Not part of the vendor's API: a ready-made reference track, so demo mode works without one of your own.
        endpoints.MapGet(SampleReferencePath, () => Results.File(SampleReference.Value, "audio/wav", enableRangeProcessing: true));
        return endpoints;
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, SimulatorState state, IOptions<SimulatorOptions> options, TimeProvider time)
    {
        state.CountSubmitRequest();
        var received = time.GetUtcNow();
        // Every request gets an inference id; an accepted submit's generation carries the same one.
        var inferenceId = Tracing.NewGenerationId(MusicModels.Legacy);
        var clientRequestId = Tracing.Trace(context, inferenceId);
        Tracing.SetCost(context, 0m, 0);
        if (BearerKey(context, options.Value) is not { } key)
        {
            return Unauthorized(context, time);
        }

        var requestId = Guid.NewGuid().ToString();
        var body = await SubmitBodies.ReadAsync(context);
        if (MusicModels.Find(body.Model) is { IsLegacy: false } named)
        {
            // Each model issues ids of its own style, refused requests' included.
            inferenceId = Tracing.NewGenerationId(named);
            Tracing.SetInferenceId(context, inferenceId);
        }

        void Record(bool succeeded, decimal usd = 0m, long credits = 0) => state.Log.Add(new LoggedRequest(
            received, key, succeeded, body.Model ?? "", usd, credits, requestId, inferenceId, clientRequestId));

        var fault = state.TakeSubmitFault();
        switch (fault?.Kind)
        {
            case FaultKind.Stall:
                try
                {
                    await Task.Delay(fault.Delay, time, context.RequestAborted);
                }
                catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
                {
                    // The client gave up (timeout, crash) before the vendor got to it: nothing created, nothing charged.
                    Record(succeeded: false);
                    return Results.Empty;
                }

                break;
            case FaultKind.Status or FaultKind.MalformedJson:
                Record(succeeded: false);
                return FaultAnswer(fault, context, time, requestId);
        }

        if (body.Problem is not null)
        {
            Record(succeeded: false);
            return Error(context, time, body.ProblemStatus,
                body.ProblemStatus == StatusCodes.Status400BadRequest ? $"Body validation error! {body.Problem}" : body.Problem, requestId);
        }

        var generation = state.TryCreate(inferenceId, body, clientRequestId, time.GetUtcNow());
        if (generation is null)
        {
            Record(succeeded: false);
            return Error(context, time, StatusCodes.Status403Forbidden,
                "Your balance is insufficient to complete this request. Top up your account to continue.", requestId);
        }

        var credits = (long)Math.Round(generation.Credits);
        Record(succeeded: true, generation.Usd, credits);
        if (fault?.Kind == FaultKind.LoseAnswer)
        {
            // Accepted and charged, but not a byte of the answer reaches the client.
            context.Abort();
            return Results.Empty;
        }

        if (options.Value.SubmitAnswerDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(options.Value.SubmitAnswerDelay, time, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client is gone; the generation it asked for stays (and stays charged).
                return Results.Empty;
            }
        }

        Tracing.SetCost(context, generation.Usd, credits);
        var meta = generation.Model.UsageInSubmitAnswer ? Usage(generation) : null;
        return Results.Json(new SubmitAnswer(generation.Id, "queued", meta), SimulatorJson.Options, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>A newer model's <c>meta</c>: the credits and the dollars the generation cost.</summary>
    private static MetaAnswer Usage(SimulatedGeneration generation) => new(new UsageAnswer(generation.Credits, generation.Usd));

    private static async Task<IResult> PollAsync(HttpContext context, SimulatorState state, IOptions<SimulatorOptions> options, SignedCdn cdn, TimeProvider time)
    {
        state.CountPollRequest();
        var id = context.Request.Query["generation_id"].ToString();
        // The id is the caller's: echoed as the inference id only when it could be one of ours.
        Tracing.Trace(context, Tracing.LooksLikeGenerationId(id) ? id : null);
        if (BearerKey(context, options.Value) is null)
        {
            return Unauthorized(context, time);
        }

        if (await ApplyAsync(state.TakePollFault(), context, time) is { } faulted)
        {
            return faulted;
        }

        if (string.IsNullOrEmpty(id))
        {
            return Error(context, time, StatusCodes.Status400BadRequest, "Body validation error! generation_id: Required");
        }

        if (state.Find(id) is not { } generation)
        {
            return Error(context, time, StatusCodes.Status404NotFound, $"Generation {id} was not found.");
        }

        var polledAt = time.GetUtcNow();
        var status = generation.StatusAt(polledAt);
        generation.RecordPoll(status, polledAt);
        if (generation.Song is { } song)
        {
            return Results.Json(ModelPollAnswer(context, generation, song, status, cdn, options.Value), SimulatorJson.Options);
        }

        var answer = status switch
        {
            "completed" => new PollAnswer(generation.Id, status,
                new AudioFileAnswer(AudioUrl(context, generation), "audio/wav", "output.wav", LyricsSynthesizer.FileSize(generation.Prompt)),
                null,
                new MetaAnswer(new UsageAnswer(generation.Credits))),
            "error" => new PollAnswer(generation.Id, status, null, Failure(generation), null),
            _ => new PollAnswer(generation.Id, status, null, null, null),
        };
        return Results.Json(answer, SimulatorJson.Options);
    }

    private static ModelPollAnswer ModelPollAnswer(
        HttpContext context, SimulatedGeneration generation, SimulatedSong song, string status, SignedCdn cdn, SimulatorOptions options)
    {
        if (status == "error")
        {
            return new(generation.Id, status, null, Failure(generation), null);
        }

        if (status != "completed")
        {
            return new(generation.Id, status, null, null, Usage(generation));
        }

        var answer = new ModelPollAnswer(generation.Id, status, new UrlAnswer(cdn.Url(context, generation)), null, Usage(generation));
        return generation.Model.ExtraInfoInPoll
            ? answer with
            {
                ExtraInfo = new ExtraInfoAnswer(
                    (long)Math.Round(song.FileDuration(options.TimeScale).TotalMilliseconds), song.Audio.SampleRate, 1, song.Audio.Bitrate, 0),
                TraceId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(generation.Id)))[..32],
            }
            : answer;
    }

    private static ErrorAnswer Failure(SimulatedGeneration generation)
        => new(generation.Outcome.ErrorName ?? "GenerationError", generation.Outcome.ErrorMessage ?? "The generation failed.");

    private static IResult Billing(HttpContext context, SimulatorState state, IOptions<SimulatorOptions> options, TimeProvider time)
    {
        state.CountBillingRequest();
        return BearerKey(context, options.Value) is null
            ? Unauthorized(context, time)
            : Results.Json(new BillingAnswer(state.Balance, "USD"), SimulatorJson.Options);
    }

    private static IResult AudioFile(string fileName, SimulatorState state, TimeProvider time)
    {
        state.CountAudioRequest();
        const string suffix = "_output.wav";
        if (!fileName.EndsWith(suffix, StringComparison.Ordinal)
            || state.FindByAudioToken(fileName[..^suffix.Length]) is not { Song: null } generation
            || generation.StatusAt(time.GetUtcNow()) != "completed")
        {
            return Results.NotFound();
        }

        // A CDN link that is not promised to last: once expired it refuses, the way signed URLs do.
        if (generation.AudioExpiredAt(time.GetUtcNow()))
        {
            return Results.Text("AccessDenied: Request has expired", "text/plain", statusCode: StatusCodes.Status403Forbidden);
        }

        return Results.File(LyricsSynthesizer.Render(generation.Prompt), "audio/wav", "output.wav",
            lastModified: generation.CompletesAt, enableRangeProcessing: true);
    }

    private static IResult Stats(SimulatorState state) => Results.Json(new
    {
        state.SubmitRequests,
        state.GenerationsCreated,
        state.GenerationsByModel,
        state.PollRequests,
        state.BillingRequests,
        state.AudioRequests,
        state.LogRequests,
        state.Balance,
        state.AcceptedByClientRequestId,
    });

    /// <summary>
    /// Detection lag (completed → first poll that said so) and polls per generation, in simulated seconds
    /// (divide by the time scale for real-world seconds), with the raw list.
    /// </summary>
    private static IResult Lags(SimulatorState state, IOptions<SimulatorOptions> options)
    {
        var reports = state.Reports();
        var lags = reports.Where(r => r.DetectionLag is not null).Select(r => r.DetectionLag!.Value.TotalSeconds).Order().ToArray();
        var polls = reports.Select(r => (double)r.Polls).Order().ToArray();
        return Results.Json(new
        {
            options.Value.TimeScale,
            Generations = reports.Count,
            Detected = lags.Length,
            LagSeconds = new { P50 = Percentile(lags, 0.50), P95 = Percentile(lags, 0.95), Max = lags.LastOrDefault() },
            PollsPerGeneration = new { Mean = polls.Length == 0 ? 0 : polls.Average(), P50 = Percentile(polls, 0.50), P95 = Percentile(polls, 0.95), Max = polls.LastOrDefault() },
            Items = reports.Select(r => new
            {
                r.Id,
                r.CreatedAt,
                r.CompletesAt,
                r.FirstReportedCompletedAt,
                LagSeconds = r.DetectionLag?.TotalSeconds,
                r.Polls,
            }),
        });
    }

    /// <summary>Nearest-rank percentile of sorted values; 0 when there are none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string AudioUrl(HttpContext context, SimulatedGeneration generation)
        => $"{context.Request.Scheme}://{context.Request.Host}/cdn/files/{generation.AudioToken}_output.wav";

    /// <summary>The bearer key of the request when the simulator accepts it; null otherwise.</summary>
    internal static string? BearerKey(HttpContext context, SimulatorOptions options)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var key = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
        return key.Length > 0 && (options.AcceptedKeys.Count == 0 || options.AcceptedKeys.Contains(key)) ? key : null;
    }

    internal static IResult Unauthorized(HttpContext context, TimeProvider time)
        => Error(context, time, StatusCodes.Status401Unauthorized, "Unauthorized: missing or invalid API key.");

    /// <summary>Applies an armed fault to a read (poll, log): null when the request should go on normally.</summary>
    internal static async Task<IResult?> ApplyAsync(SimulatedFault? fault, HttpContext context, TimeProvider time)
    {
        switch (fault?.Kind)
        {
            case FaultKind.Stall:
                await Task.Delay(fault.Delay, time, context.RequestAborted);
                return null;
            case FaultKind.LoseAnswer:
                context.Abort();
                return Results.Empty;
            case FaultKind.Status or FaultKind.MalformedJson:
                return FaultAnswer(fault, context, time);
            default:
                return null;
        }
    }

    private static IResult FaultAnswer(SimulatedFault fault, HttpContext context, TimeProvider time, string? requestId = null)
    {
        if (fault.Kind == FaultKind.MalformedJson)
        {
            return Results.Text("{\"id\": \"", "application/json", statusCode: StatusCodes.Status200OK);
        }

        if (fault.RetryAfter is { } retryAfter)
        {
            SetRetryAfter(context, retryAfter);
        }

        return Error(context, time, fault.StatusCode, fault.StatusCode switch
        {
            StatusCodes.Status429TooManyRequests => TooManyRequestsMessage,
            StatusCodes.Status404NotFound => "Not found.",
            _ => "Internal server error",
        }, requestId);
    }

    internal static void SetRetryAfter(HttpContext context, TimeSpan retryAfter)
        => context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>The vendor's error body; <paramref name="requestId"/> ties a refused submit to its row in the request log.</summary>
    internal static IResult Error(HttpContext context, TimeProvider time, int statusCode, string message, string? requestId = null)
        => Results.Json(
            new ErrorBody(message, context.Request.Path, requestId ?? Guid.NewGuid().ToString(), statusCode, Timestamp(time.GetUtcNow())),
            SimulatorJson.Options,
            statusCode: statusCode);

    /// <summary>The vendor's instants: UTC with milliseconds, e.g. <c>2025-03-11T07:13:27.813Z</c>.</summary>
    internal static string Timestamp(DateTimeOffset instant)
        => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
