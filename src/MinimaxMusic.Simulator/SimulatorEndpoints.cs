using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MinimaxMusic.Simulator;

/// <summary>The three calls of the AIML contract plus the CDN that serves the finished audio.</summary>
public static class SimulatorEndpoints
{
    public const string SubmitPath = "/v2/generate/audio";
    public const string BillingPath = "/v2/billing";
    public const int MaxPromptLength = 600;
    public const string SampleReferencePath = "/samples/reference.wav";

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
        endpoints.MapGet("/cdn/files/{fileName}", AudioFile);
        endpoints.MapGet("/__simulator/stats", Stats);
        endpoints.MapGet("/__simulator/lags", Lags);
        // Not part of the vendor's API: a ready-made reference track, so demo mode works without one of your own.
        endpoints.MapGet(SampleReferencePath, () => Results.File(SampleReference.Value, "audio/wav", enableRangeProcessing: true));
        return endpoints;
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, SimulatorState state, IOptions<SimulatorOptions> options, TimeProvider time)
    {
        state.CountSubmitRequest();
        if (Unauthorized(context, options.Value, time) is { } refused)
        {
            return refused;
        }

        if (await ApplyAsync(state.TakeSubmitFault(), context, time) is { } faulted)
        {
            return faulted;
        }

        var (prompt, reference, problem) = await ReadSubmitBodyAsync(context);
        if (problem is not null)
        {
            return Error(context, time, StatusCodes.Status400BadRequest, $"Body validation error! {problem}");
        }

        var generation = state.TryCreate(prompt!, reference!, time.GetUtcNow());
        if (generation is null)
        {
            return Error(context, time, StatusCodes.Status403Forbidden,
                "Your balance is insufficient to complete this request. Top up your account to continue.");
        }

        return Results.Json(new SubmitAnswer(generation.Id, "queued"), SimulatorJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> PollAsync(HttpContext context, SimulatorState state, IOptions<SimulatorOptions> options, TimeProvider time)
    {
        state.CountPollRequest();
        if (Unauthorized(context, options.Value, time) is { } refused)
        {
            return refused;
        }

        if (await ApplyAsync(state.TakePollFault(), context, time) is { } faulted)
        {
            return faulted;
        }

        var id = context.Request.Query["generation_id"].ToString();
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
        var answer = status switch
        {
            "completed" => new PollAnswer(generation.Id, status,
                new AudioFileAnswer(AudioUrl(context, generation), "audio/wav", "output.wav", LyricsSynthesizer.FileSize(generation.Prompt)),
                null,
                new MetaAnswer(new UsageAnswer(options.Value.CreditsUsedPerSong))),
            "error" => new PollAnswer(generation.Id, status, null,
                new ErrorAnswer(generation.Outcome.ErrorName ?? "GenerationError", generation.Outcome.ErrorMessage ?? "The generation failed."),
                null),
            _ => new PollAnswer(generation.Id, status, null, null, null),
        };
        return Results.Json(answer, SimulatorJson.Options);
    }

    private static IResult Billing(HttpContext context, SimulatorState state, IOptions<SimulatorOptions> options, TimeProvider time)
    {
        state.CountBillingRequest();
        return Unauthorized(context, options.Value, time)
            ?? Results.Json(new BillingAnswer(state.Balance, "USD"), SimulatorJson.Options);
    }

    private static IResult AudioFile(string fileName, SimulatorState state, TimeProvider time)
    {
        state.CountAudioRequest();
        const string suffix = "_output.wav";
        if (!fileName.EndsWith(suffix, StringComparison.Ordinal)
            || state.FindByAudioToken(fileName[..^suffix.Length]) is not { } generation
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
        state.PollRequests,
        state.BillingRequests,
        state.AudioRequests,
        state.Balance,
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

    private static IResult? Unauthorized(HttpContext context, SimulatorOptions options, TimeProvider time)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var key = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
        var accepted = key.Length > 0 && (options.AcceptedKeys.Count == 0 || options.AcceptedKeys.Contains(key));
        return accepted ? null : Error(context, time, StatusCodes.Status401Unauthorized, "Unauthorized: missing or invalid API key.");
    }

    private static async Task<IResult?> ApplyAsync(SimulatedFault? fault, HttpContext context, TimeProvider time)
    {
        switch (fault?.Kind)
        {
            case FaultKind.Status:
                if (fault.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                return Error(context, time, fault.StatusCode, fault.StatusCode switch
                {
                    StatusCodes.Status429TooManyRequests => "Too many requests, please try again later.",
                    StatusCodes.Status404NotFound => "Not found.",
                    _ => "Internal server error",
                });
            case FaultKind.Stall:
                await Task.Delay(fault.Delay, time, context.RequestAborted);
                return null;
            case FaultKind.MalformedJson:
                return Results.Text("{\"id\": \"", "application/json", statusCode: StatusCodes.Status200OK);
            default:
                return null;
        }
    }

    private static async Task<(string? Prompt, string? Reference, string? Problem)> ReadSubmitBodyAsync(HttpContext context)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, null, "The body is not valid JSON.");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, null, "Expected an object.");
        }

        if (!body.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || model.GetString() != "minimax-music")
        {
            return (null, null, "model: Invalid enum value. Expected 'minimax-music'");
        }

        if (!body.TryGetProperty("prompt", out var promptElement) || promptElement.ValueKind != JsonValueKind.String)
        {
            return (null, null, "prompt: Required");
        }

        var prompt = promptElement.GetString()!;
        if (prompt.Length > MaxPromptLength)
        {
            return (null, null, $"prompt: String must contain at most {MaxPromptLength} character(s)");
        }

        if (string.IsNullOrWhiteSpace(prompt))
        {
            return (null, null, "prompt: String must contain at least 1 character(s)");
        }

        if (!body.TryGetProperty("reference_audio_url", out var referenceElement) || referenceElement.ValueKind != JsonValueKind.String)
        {
            return (null, null, "reference_audio_url: Required");
        }

        var reference = referenceElement.GetString()!;
        if (!Uri.TryCreate(reference, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return (null, null, "reference_audio_url: Invalid url");
        }

        return (prompt, reference, null);
    }

    private static IResult Error(HttpContext context, TimeProvider time, int statusCode, string message)
        => Results.Json(
            new ErrorBody(message, context.Request.Path, Guid.NewGuid().ToString(), statusCode,
                time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
            SimulatorJson.Options,
            statusCode: statusCode);
}
