using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Data;

namespace MinimaxMusic.Web.Features.References;

/// <summary>The outcome of saving or renaming a reference: the row, or why not.</summary>
public sealed record LibraryResult
{
    public SavedReference? Reference { get; init; }

    /// <summary>Why nothing was saved, in words for the writer; null on success.</summary>
    public string? Problem { get; init; }

    public bool Succeeded => Problem is null;

    public static LibraryResult Failed(string problem) => new() { Problem = problem };
}

/// <summary>A completed song of ours that can be offered as a reference.</summary>
public sealed record SongCandidate(Guid SongId, string Title, DateTime FinishedAtUtc, long? SizeBytes);

/// <summary>
/// Named, checked reference tracks kept for reuse, and our own songs offered as references. A context per
/// operation (Blazor Server circuits live long), so this is a singleton.
/// </summary>
internal sealed class ReferenceLibrary(
    IDbContextFactory<AppDbContext> dbFactory,
    ReferenceUploads uploads,
    ReferenceProbe probe,
    AudioStore store,
    TimeProvider time,
    ILogger<ReferenceLibrary> logger)
{
    public const string NotUsableProblem = "only a checked, usable reference can be saved";
    public const string NotFoundProblem = "that saved reference no longer exists";
    public const string SongUnavailableProblem = "that song is not available as a reference (it is not finished, or its audio was not kept)";
    private const int MaxSongCandidates = 200;

    /// <summary>
    /// The one check for any reference URL: our own hosted files are measured on disk (no request to ourselves
    /// through the internet), every other URL is fetched through the guarded client.
    /// </summary>
    public Task<ReferenceCheck> CheckAsync(string url, CancellationToken cancellationToken = default) =>
        CheckAsync(url, ReferenceProbe.LegacyModel, cancellationToken);

    /// <summary>
    /// The check for a reference a song of <paramref name="model"/> will use: what the file is (format, size, length) is
    /// measured as for any reference, and then judged by that model's rules (<see cref="ModelRules.CheckReference"/>).
    /// </summary>
    public async Task<ReferenceCheck> CheckAsync(string url, MusicModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var trimmed = url.Trim();
        return await uploads.CheckHostedAsync(trimmed, cancellationToken, model) ?? await probe.CheckAsync(trimmed, model, cancellationToken);
    }

    /// <summary>
    /// One of our hosted reference files as a <c>data:</c> URI (what the cover model takes instead of a URL), or null when
    /// the file is gone or larger than <paramref name="maxBytes"/>.
    /// </summary>
    public async Task<string?> HostedAsDataUriAsync(string fileName, long maxBytes, CancellationToken cancellationToken)
    {
        await using var file = store.OpenRead(AudioKind.Reference, fileName);
        if (file is null || file.Length > maxBytes)
        {
            return null;
        }

        var bytes = new byte[file.Length];
        await file.ReadExactlyAsync(bytes, cancellationToken);
        return $"data:{ReferenceUploads.ContentTypeOf(fileName)};base64,{Convert.ToBase64String(bytes)}";
    }

    /// <summary>Newest first. Hosted files get their URL under the current App:PublicBaseUrl.</summary>
    public async Task<IReadOnlyList<SavedReference>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var references = await db.SavedReferences.AsNoTracking()
            .OrderByDescending(r => r.CreatedAtUtc).ThenBy(r => r.Name)
            .ToListAsync(cancellationToken);
        foreach (var reference in references)
        {
            WithCurrentUrl(reference);
        }

        return references;
    }

    public async Task<SavedReference?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reference = await db.SavedReferences.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return reference is null ? null : WithCurrentUrl(reference);
    }

    public async Task<LibraryResult> SaveAsync(string name, ReferenceCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (NameProblem(name, out var trimmed) is { } nameProblem)
        {
            return LibraryResult.Failed(nameProblem);
        }

        if (!check.IsUsable)
        {
            return LibraryResult.Failed(NotUsableProblem);
        }

        if (check.Url.Length > SavedReference.MaxUrlLength)
        {
            return LibraryResult.Failed($"the URL is too long to save (at most {SavedReference.MaxUrlLength} characters)");
        }

        var hostedFile = check.HostedFileName;
        if (hostedFile is not null && !store.Exists(AudioKind.Reference, hostedFile))
        {
            return LibraryResult.Failed(ReferenceUploads.MissingFileProblem);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var reference = new SavedReference
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Name = trimmed,
            Url = check.Url,
            Format = check.Format,
            DurationSeconds = check.Duration?.TotalSeconds,
            SizeBytes = check.SizeBytes,
            Source = hostedFile is null ? SavedReferenceSource.Url
                : check.SongId is null ? SavedReferenceSource.Upload
                : SavedReferenceSource.Song,
            UploadFileName = hostedFile,
            SongId = hostedFile is null ? null : check.SongId,
            CreatedAtUtc = now,
            LastCheckedAtUtc = now,
        };

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The column's NOCASE collation applies to this comparison, as it does to the unique index.
        if (await db.SavedReferences.AnyAsync(r => r.Name == trimmed, cancellationToken))
        {
            return LibraryResult.Failed(Duplicate(trimmed));
        }

        db.SavedReferences.Add(reference);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            return LibraryResult.Failed(Duplicate(trimmed));
        }

        logger.LogInformation("Saved reference {Name} ({Source}) as {Id}", reference.Name, reference.Source, reference.Id);
        return new LibraryResult { Reference = reference };
    }

    public async Task<LibraryResult> RenameAsync(Guid id, string name, CancellationToken cancellationToken = default)
    {
        if (NameProblem(name, out var trimmed) is { } nameProblem)
        {
            return LibraryResult.Failed(nameProblem);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reference = await db.SavedReferences.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (reference is null)
        {
            return LibraryResult.Failed(NotFoundProblem);
        }

        if (await db.SavedReferences.AnyAsync(r => r.Name == trimmed && r.Id != id, cancellationToken))
        {
            return LibraryResult.Failed(Duplicate(trimmed));
        }

        reference.Name = trimmed;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            return LibraryResult.Failed(Duplicate(trimmed));
        }

        return new LibraryResult { Reference = WithCurrentUrl(reference) };
    }

    /// <summary>
    /// Removes the saved reference. Its hosted file goes too, unless another saved reference or any generation
    /// still uses it (a queued song's reference must stay downloadable; a finished one's stays linkable).
    /// </summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reference = await db.SavedReferences.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (reference is null)
        {
            return false;
        }

        db.SavedReferences.Remove(reference);
        await db.SaveChangesAsync(cancellationToken);

        if (reference.UploadFileName is { } fileName && !await store.IsInUseAsync(AudioKind.Reference, fileName, cancellationToken))
        {
            store.Delete(AudioKind.Reference, fileName);
        }

        logger.LogInformation("Deleted saved reference {Name} ({Id})", reference.Name, id);
        return true;
    }

    /// <summary>
    /// Checks a saved reference again (hosted files locally, URLs through the probe) and, when it is still
    /// usable, records what was found. Null when the reference does not exist.
    /// </summary>
    public async Task<ReferenceCheck?> RecheckAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reference = await db.SavedReferences.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (reference is null)
        {
            return null;
        }

        var check = reference.UploadFileName is { } fileName
            ? await uploads.CheckStoredAsync(fileName, cancellationToken)
            : await probe.CheckAsync(reference.Url, cancellationToken);
        if (check.IsUsable)
        {
            reference.Url = check.Url;
            reference.Format = check.Format;
            reference.DurationSeconds = check.Duration?.TotalSeconds ?? reference.DurationSeconds;
            reference.SizeBytes = check.SizeBytes;
            reference.LastCheckedAtUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        return reference.SongId is { } songId ? check with { SongId = songId } : check;
    }

    /// <summary>Our completed, archived songs, newest first; none when the app has no public URL to host them at.</summary>
    public async Task<IReadOnlyList<SongCandidate>> SongCandidatesAsync(CancellationToken cancellationToken = default)
    {
        if (!uploads.IsEnabled)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Generations.AsNoTracking()
            .Where(g => g.Status == GenerationStatus.Completed && g.ArchivedFileName != null)
            .OrderByDescending(g => g.CreatedAtUtc)
            .Take(MaxSongCandidates)
            .Select(g => new SongCandidate(g.Id, g.Title, g.FinishedAtUtc ?? g.CreatedAtUtc, g.ArchivedSize))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Hosts a copy of one of our songs under a fresh unguessable name and checks it like an upload (so a song
    /// too short for the model is refused, and its copy removed). The result's <see cref="ReferenceCheck.SongId"/>
    /// is set, so <see cref="SaveAsync"/> records where it came from.
    /// </summary>
    public Task<ReferenceCheck> OfferSongAsync(Guid songId, CancellationToken cancellationToken = default) =>
        OfferSongAsync(songId, model: null, cancellationToken);

    /// <summary>As above, checked by <paramref name="model"/>'s rules (the legacy model's when null).</summary>
    public async Task<ReferenceCheck> OfferSongAsync(Guid songId, MusicModel? model, CancellationToken cancellationToken = default)
    {
        if (!uploads.IsEnabled)
        {
            return ReferenceCheck.Unusable("", ReferenceUploads.DisabledExplanation) with { SongId = songId };
        }

        Generation? song;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            song = await db.Generations.AsNoTracking().FirstOrDefaultAsync(g => g.Id == songId, cancellationToken);
        }

        if (song is not { Status: GenerationStatus.Completed })
        {
            return ReferenceCheck.Unusable(song?.Title ?? "", SongUnavailableProblem) with { SongId = songId };
        }

        UploadResult hosted;
        try
        {
            await using var audio = store.OpenRead(AudioKind.Song, song.ArchivedFileName);
            if (audio is null)
            {
                return ReferenceCheck.Unusable(song.Title, SongUnavailableProblem) with { SongId = songId };
            }

            hosted = await uploads.HostCopyAsync(audio, song.Title, cancellationToken, model);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The archived audio of song {SongId} could not be read", songId);
            return ReferenceCheck.Unusable(song.Title, SongUnavailableProblem) with { SongId = songId };
        }

        var check = hosted.Check ?? ReferenceCheck.Unusable(song.Title, hosted.Problem!);
        return check with { SongId = songId, Problem = hosted.Problem, IsUsable = hosted.Succeeded };
    }

    /// <summary>Null when the name is fine; <paramref name="trimmed"/> is what would be stored.</summary>
    public static string? NameProblem(string? name, out string trimmed)
    {
        trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return "give the reference a name";
        }

        if (trimmed.Length > SavedReference.MaxNameLength)
        {
            return $"the name is {trimmed.Length} characters long; at most {SavedReference.MaxNameLength} are allowed";
        }

        return trimmed.Any(char.IsControl) ? "the name cannot contain line breaks or other control characters" : null;
    }

    private static string Duplicate(string name) => $"a saved reference called \"{name}\" already exists";

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is SqliteException { SqliteErrorCode: 19 }; // SQLITE_CONSTRAINT

    private SavedReference WithCurrentUrl(SavedReference reference)
    {
        if (reference.UploadFileName is { } fileName && uploads.PublicUrlOf(fileName) is { } url)
        {
            reference.Url = url.AbsoluteUri;
        }

        return reference;
    }
}
