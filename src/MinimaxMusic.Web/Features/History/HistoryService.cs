using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Core.Text;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Features.History;

/// <summary>What the history asks for: an optional search over title and lyrics, a status, favourites only, and a page.</summary>
internal sealed record HistoryQuery(
    string? Search = null,
    GenerationStatus? Status = null,
    bool FavouritesOnly = false,
    int Page = 1,
    int PageSize = HistoryQuery.DefaultPageSize,
    bool MineOnly = false)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxSearchLength = 200;
}

internal sealed record HistoryResults(
    IReadOnlyList<Generation> Items, int Total, int Page, int PageSize, IReadOnlyDictionary<string, string>? OwnerNames = null)
{
    /// <summary>Who made the song, as the team knows them (their email); null for songs from before accounts.</summary>
    public string? OwnerName(Generation song) => song.OwnerId is { } id && OwnerNames?.TryGetValue(id, out var name) == true ? name : null;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

internal enum EditOutcome
{
    Done,
    NotFound,
    Invalid,
    Forbidden,
}

internal sealed record EditResult(EditOutcome Outcome, string? Error = null)
{
    public static readonly EditResult Done = new(EditOutcome.Done);
    public static readonly EditResult NotFound = new(EditOutcome.NotFound, "There is no such song; it may have been deleted.");
}

/// <summary>
/// The team's song history: paged queries that run in the database (never the whole table in memory),
/// and the small edits people make to a song afterwards — title, favourite, delete.
/// </summary>
internal sealed class HistoryService(
    IDbContextFactory<AppDbContext> dbFactory,
    AudioStore store,
    GenerationNotifier notifier,
    ILogger<HistoryService> logger,
    CurrentUser currentUser)
{
    private static readonly EditResult NotYours = new(EditOutcome.Forbidden,
        "Only the person who made this song, or an admin, can change or delete it.");

    private static readonly EditResult Nobody = new(EditOutcome.Forbidden, Person.Required);

    /// <summary>The team's songs for someone signed in; nobody gets an empty page.</summary>
    public async Task<HistoryResults> QueryAsync(HistoryQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, HistoryQuery.MaxPageSize);
        var page = Math.Max(1, query.Page);
        if (await currentUser.PersonAsync() is not { } person)
        {
            return new HistoryResults([], 0, page, pageSize);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var songs = db.Generations.AsNoTracking();
        if (query.Status is { } status)
        {
            songs = songs.Where(g => g.Status == status);
        }

        if (query.MineOnly)
        {
            songs = songs.Where(g => g.OwnerId == person.Id);
        }

        if (query.FavouritesOnly)
        {
            songs = songs.Where(g => g.IsFavourite);
        }

        if (LikePattern(query.Search) is { } pattern)
        {
            songs = songs.Where(g => EF.Functions.Like(g.Title, pattern, "\\") || EF.Functions.Like(g.Lyrics, pattern, "\\"));
        }

        var total = await songs.CountAsync(cancellationToken);
        var items = await songs
            .OrderByDescending(g => g.CreatedAtUtc)
            .ThenByDescending(g => g.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        var ownerIds = items.Where(g => g.OwnerId != null).Select(g => g.OwnerId!).Distinct().ToList();
        var owners = ownerIds.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id))
                .Select(u => new { u.Id, Name = u.Email ?? u.UserName ?? "a team member" })
                .ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return new HistoryResults(items, total, page, pageSize, owners);
    }

    /// <summary>
    /// Gives a song a new title: trimmed, something visible, at most <see cref="Generation.MaxTitleLength"/> characters
    /// as people count them (an emoji or an accented letter is one) and within the stored column.
    /// </summary>
    public async Task<EditResult> RenameAsync(Guid id, string? title, CancellationToken cancellationToken = default)
    {
        var trimmed = title?.Trim() ?? string.Empty;
        if (TextElements.IsInvisible(trimmed))
        {
            return new EditResult(EditOutcome.Invalid, "A title cannot be empty.");
        }

        var length = TextElements.Count(trimmed);
        if (length > Generation.MaxTitleLength)
        {
            return new EditResult(EditOutcome.Invalid,
                $"A title can be at most {Generation.MaxTitleLength} characters; this one has {length}.");
        }

        if (trimmed.Length > Generation.MaxStoredTitleLength)
        {
            // Only letters stacked with many accents get here: few characters, each many UTF-16 units.
            return new EditResult(EditOutcome.Invalid,
                $"This title has {length} characters, but their accents and marks make it too long to store; shorten it.");
        }

        if (trimmed.Any(char.IsControl))
        {
            return new EditResult(EditOutcome.Invalid, "A title cannot contain line breaks or control characters.");
        }

        return await UpdateAsync(id, g => g.Rename(trimmed), cancellationToken, ownerOnly: true);
    }

    public Task<EditResult> SetFavouriteAsync(Guid id, bool favourite, CancellationToken cancellationToken = default) =>
        UpdateAsync(id, g => g.MarkFavourite(favourite), cancellationToken);

    /// <summary>Removes the song and its archived audio file (its maker or an admin).</summary>
    public async Task<EditResult> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await currentUser.PersonAsync() is not { } person)
        {
            return Nobody;
        }

        // One read: the row that is checked is the row that is removed.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var generation = await db.Generations.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (generation is null)
        {
            return EditResult.NotFound;
        }

        if (!person.MayEdit(generation.OwnerId))
        {
            return NotYours;
        }

        db.Generations.Remove(generation);
        await db.SaveChangesAsync(cancellationToken);
        store.Delete(AudioKind.Song, generation.ArchivedFileName);

        logger.LogInformation("Generation {GenerationId} deleted", id);
        notifier.Publish(new(id, GenerationStatus.Failed, Deleted: true));
        return EditResult.Done;
    }

    /// <summary>Whether someone is signed in who may change a song with this owner (nobody may not).</summary>
    public Task<bool> MayEditAsync(string? ownerId) => currentUser.MayEditAsync(ownerId);

    private async Task<EditResult> UpdateAsync(Guid id, Action<Generation> change, CancellationToken cancellationToken, bool ownerOnly = false)
    {
        if (await currentUser.PersonAsync() is not { } person)
        {
            return Nobody;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var generation = await db.Generations.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (generation is null)
        {
            return EditResult.NotFound;
        }

        if (ownerOnly && !person.MayEdit(generation.OwnerId))
        {
            return NotYours;
        }

        change(generation);
        await db.SaveChangesAsync(cancellationToken);
        notifier.Publish(new(id, generation.Status));
        return EditResult.Done;
    }

    /// <summary>A LIKE pattern that matches the text anywhere, with the user's % and _ taken literally.</summary>
    internal static string? LikePattern(string? search)
    {
        var term = search?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return null;
        }

        if (term.Length > HistoryQuery.MaxSearchLength)
        {
            term = term[..HistoryQuery.MaxSearchLength];
        }

        var escaped = term.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
        return $"%{escaped}%";
    }
}
