using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MinimaxMusic.Web.Components;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.History;
using MinimaxMusic.Web.Features.References;

namespace MinimaxMusic.Web.Features.Api;

/// <summary>
/// A new song through the API. Which fields count, and within which limits, depends on <see cref="Model"/>: the OpenAPI
/// document lists them per model (<see cref="GenerationsApiSchema"/>), and the server checks them whatever the client did.
/// </summary>
public sealed record CreateGenerationRequest(
    string? Lyrics = null,
    string? ReferenceAudioUrl = null,
    string? IdempotencyKey = null,
    string? Model = null,
    string? Style = null,
    bool Instrumental = false,
    bool WriteLyrics = false,
    AudioSettingRequest? AudioSetting = null,
    Guid? CoverOf = null,
    Guid? GeneratedAgainFrom = null)
{
    /// <summary>Clients from before the model choice send no model: they keep getting the model they always got.</summary>
    public const string ModelWhenOmitted = ModelCatalog.Legacy;
}

/// <summary>The output a newer model is asked for; what is left out is the model's default.</summary>
public sealed record AudioSettingRequest(string? Format = null, int? SampleRate = null, int? Bitrate = null);

public sealed record GenerationDto(
    Guid Id,
    string Title,
    string Status,
    string Lyrics,
    string? ReferenceAudioUrl,
    DateTime CreatedAtUtc,
    DateTime? SubmittedAtUtc,
    DateTime? FinishedAtUtc,
    string? ErrorName,
    string? ErrorMessage,
    double? CreditsUsed,
    string? AudioUrl,
    bool IsFavourite = false,
    DateTime? ArchivedAtUtc = null,
    string Model = ModelCatalog.Legacy,
    string? Style = null,
    bool Instrumental = false,
    bool WriteLyrics = false,
    AudioSettingRequest? AudioSetting = null,
    decimal? UsdSpent = null,
    Guid? ParentId = null,
    string Origin = nameof(SongOrigin.New))
{
    /// <summary>The song as the API shows it; <paramref name="pathBase"/> prefixes its audio address under a proxy path.</summary>
    internal static GenerationDto From(Generation g, PathString pathBase) => new(
        g.Id, g.Title, g.Status.ToString(), g.Lyrics, g.ReferenceAudioUrl, g.CreatedAtUtc, g.SubmittedAtUtc, g.FinishedAtUtc,
        g.ErrorName, g.ErrorMessage, g.CreditsUsed,
        g.Status == GenerationStatus.Completed ? $"{pathBase}/{AppLinks.Media(g.Id)}" : null, g.IsFavourite, g.ArchivedAtUtc,
        g.Model, g.Style, g.Instrumental, g.WriteLyrics,
        g.OutputFormat is null && g.SampleRate is null && g.Bitrate is null ? null : new AudioSettingRequest(g.OutputFormat, g.SampleRate, g.Bitrate),
        g.UsdSpent, g.ParentId, g.Origin.ToString());
}

public sealed record GenerationPage(IReadOnlyList<GenerationDto> Items, int Page, int PageSize, int Total);

/// <summary>
/// <c>/api/generations</c>: the same GenerationService and validation as the Create page, with problem-details errors.
/// </summary>
internal static class GenerationsApi
{
    public static IEndpointRouteBuilder MapGenerationsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/generations").WithTags("Generations");
        api.MapPost("/", CreateAsync).WithName("CreateGeneration")
            .WithSummary("Submit a song for any offered model (minimax-music when model is omitted); answers 202 with the new song's location.");
        api.MapGet("/{id:guid}", GetAsync).WithName("GetGeneration");
        api.MapGet("/", ListAsync).WithName("ListGenerations")
            .WithSummary("Songs newest first; filter with status (Queued, Generating, Completed, Failed, TimedOut), "
                         + "search (title and lyrics), favourites and mine (songs you made).");
        api.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteGeneration");
        return endpoints;
    }

    private static async Task<Results<Accepted<GenerationDto>, ValidationProblem>> CreateAsync(
        CreateGenerationRequest request,
        GenerationService generations,
        ReferenceLibrary references,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyHeader,
        HttpRequest http,
        CancellationToken cancellationToken)
    {
        var modelId = request.Model ?? CreateGenerationRequest.ModelWhenOmitted;
        if (generations.Offered(modelId) is not { } model)
        {
            return NotSubmitted("model", generations.UnknownModel(modelId));
        }

        // Where the song comes from: a cover of one of our songs uses a hosted copy of it as the reference.
        var referenceUrl = request.ReferenceAudioUrl;
        SongParent? parent = null;
        if (request.CoverOf is { } coverOf)
        {
            if (request.GeneratedAgainFrom is not null)
            {
                return NotSubmitted("coverOf", "A song comes from one song: give coverOf or generatedAgainFrom, not both.");
            }

            if (!string.IsNullOrWhiteSpace(referenceUrl))
            {
                return NotSubmitted("coverOf", "coverOf makes that song the reference track: leave referenceAudioUrl out.");
            }

            if (!model.Reference.Accepted)
            {
                return NotSubmitted("coverOf", $"{model.Id} takes no reference track, so it cannot cover a song{ReferenceModels(generations)}.");
            }

            // Hosted and checked by the model's own rules (the cover model takes 6 s to 6 min, FLAC too).
            var offered = await references.OfferSongAsync(coverOf, model, cancellationToken);
            if (!offered.IsUsable)
            {
                return NotSubmitted("coverOf", $"Song {coverOf}: {offered.Problem}");
            }

            referenceUrl = offered.Url;
            parent = new SongParent(coverOf, SongOrigin.CoverOf);
        }
        else if (request.GeneratedAgainFrom is { } again)
        {
            parent = new SongParent(again, SongOrigin.GeneratedAgainFrom);
        }

        var audio = request.AudioSetting is { } setting ? new AudioChoice(setting.Format, setting.SampleRate, setting.Bitrate) : null;
        var song = new SongRequest(model.Id, request.Style, request.Lyrics, referenceUrl, request.Instrumental, request.WriteLyrics, audio);

        // A retried call with the same key (body or Idempotency-Key header) answers with the first call's song.
        var key = request.IdempotencyKey ?? idempotencyHeader;
        var result = await generations.SubmitAsync(song, key, parent, cancellationToken);
        if (result.GenerationId is not { } id)
        {
            return NotSubmitted("input", [.. result.Errors]);
        }

        var generation = await generations.GetAsync(id, cancellationToken);
        return TypedResults.Accepted($"{http.PathBase}/api/generations/{id}", GenerationDto.From(generation!, http.PathBase));
    }

    private static ValidationProblem NotSubmitted(string field, params string[] errors) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = errors },
            detail: "The song was not submitted; nothing was charged.");

    /// <summary>"; use minimax-music or minimax/music-cover": the offered models that take a reference, when any does.</summary>
    private static string ReferenceModels(GenerationService generations) =>
        ModelCatalog.All.Where(m => m.Reference.Accepted && generations.Offered(m.Id) is not null).Select(m => m.Id).ToList() is { Count: > 0 } ids
            ? $"; use {string.Join(" or ", ids)}"
            : "";

    private static async Task<Results<Ok<GenerationDto>, ProblemHttpResult>> GetAsync(
        Guid id, GenerationService generations, HttpRequest http, CancellationToken cancellationToken) =>
        await generations.GetAsync(id, cancellationToken) is { } generation
            ? TypedResults.Ok(GenerationDto.From(generation, http.PathBase))
            : NotFound(id);

    private static async Task<Results<Ok<GenerationPage>, ValidationProblem>> ListAsync(
        HistoryService history, HttpRequest http, CancellationToken cancellationToken, string? status = null, string? search = null,
        bool favourites = false, int page = 1, int pageSize = HistoryQuery.DefaultPageSize, bool mine = false)
    {
        GenerationStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<GenerationStatus>(status.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"Unknown status '{status}'. Use one of: {string.Join(", ", Enum.GetNames<GenerationStatus>())}."],
                });
            }

            wanted = parsed;
        }

        if (page < 1 || pageSize < 1 || pageSize > HistoryQuery.MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["page"] = [$"page starts at 1 and pageSize is between 1 and {HistoryQuery.MaxPageSize}."],
            });
        }

        var result = await history.QueryAsync(new HistoryQuery(search, wanted, favourites, page, pageSize, mine), cancellationToken);
        return TypedResults.Ok(new GenerationPage([.. result.Items.Select(g => GenerationDto.From(g, http.PathBase))], page, pageSize, result.Total));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, HistoryService history, CancellationToken cancellationToken) =>
        await history.DeleteAsync(id, cancellationToken) switch
        {
            { Outcome: EditOutcome.Done } => TypedResults.NoContent(),
            { Outcome: EditOutcome.Forbidden } refused => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Not your song", detail: refused.Error),
            _ => NotFound(id),
        };

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"There is no song with id {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
