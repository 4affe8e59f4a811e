using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MinimaxMusic.Web.Components;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.History;

namespace MinimaxMusic.Web.Features.Api;

public sealed record CreateGenerationRequest(string? Lyrics, string? ReferenceAudioUrl, string? IdempotencyKey = null);

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
    DateTime? ArchivedAtUtc = null)
{
    /// <summary>The song as the API shows it; <paramref name="pathBase"/> prefixes its audio address under a proxy path.</summary>
    internal static GenerationDto From(Generation g, PathString pathBase) => new(
        g.Id, g.Title, g.Status.ToString(), g.Lyrics, g.ReferenceAudioUrl, g.CreatedAtUtc, g.SubmittedAtUtc, g.FinishedAtUtc,
        g.ErrorName, g.ErrorMessage, g.CreditsUsed,
        g.Status == GenerationStatus.Completed ? $"{pathBase}/{AppLinks.Media(g.Id)}" : null, g.IsFavourite, g.ArchivedAtUtc);
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
            .WithSummary("Submit lyrics and a reference track; answers 202 with the new song's location.");
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
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyHeader,
        HttpRequest http,
        CancellationToken cancellationToken)
    {
        // A retried call with the same key (body or Idempotency-Key header) answers with the first call's song.
        var key = request.IdempotencyKey ?? idempotencyHeader;
        var result = await generations.SubmitAsync(request.Lyrics, request.ReferenceAudioUrl, key, cancellationToken);
        if (result.GenerationId is not { } id)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["input"] = [.. result.Errors] },
                detail: "The song was not submitted; nothing was charged.");
        }

        var generation = await generations.GetAsync(id, cancellationToken);
        return TypedResults.Accepted($"{http.PathBase}/api/generations/{id}", GenerationDto.From(generation!, http.PathBase));
    }

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
