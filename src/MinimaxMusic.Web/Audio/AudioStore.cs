using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MinimaxMusic.Web.Data;

namespace MinimaxMusic.Web.Audio;

/// <summary>The audio files the app keeps, each kind in its own folder under Storage:DataDirectory.</summary>
internal enum AudioKind
{
    /// <summary>A finished song's saved audio, in audio/, named by the song's id. Generation.ArchivedFileName points at it.</summary>
    Song,

    /// <summary>
    /// A reference track this app hosts for the AIML service (an upload, or a copy of one of our songs), in references/,
    /// under a 128-bit random name. SavedReference.UploadFileName and Generation.ReferenceFileName point at it.
    /// </summary>
    Reference,

    /// <summary>
    /// A song converted for download (MP3, WAV or FLAC, tagged), in converted/, named by the song's id and a fingerprint of
    /// what went into it (<see cref="AudioStore.ConvertedFileName"/>). A cache: made again when missing, deleted with the song.
    /// </summary>
    Converted,
}

/// <summary>
/// The one owner of the audio files' life: written atomically (a <see cref="StagedAudioFile"/> in the same folder,
/// renamed into place, so a crash never leaves half a file under a real name), served with Range, deleted, asked
/// whether any row still points at them, and swept (files no row points to, partial files a crash left).
/// Only names this store makes are read or deleted, so nothing else in the data folder is reachable.
/// </summary>
internal sealed partial class AudioStore(
    IOptions<StorageOptions> storage,
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider time,
    ILogger<AudioStore> logger)
{
    public const string PartialSuffix = ".part";

    /// <summary>A partial file this old is no longer being written: its writer crashed or gave up.</summary>
    public static readonly TimeSpan PartialAge = TimeSpan.FromHours(1);

    /// <summary>A song file no row points to is removed once this old (younger ones may belong to a save in progress).</summary>
    public static readonly TimeSpan OrphanSongAge = TimeSpan.FromHours(1);

    /// <summary>An upload nobody saved or sent is kept this long: the writer may still be deciding.</summary>
    public static readonly TimeSpan UnusedReferenceAge = TimeSpan.FromDays(1);

    public string FolderOf(AudioKind kind) => kind switch
    {
        AudioKind.Song => storage.Value.AudioDirectory,
        AudioKind.Converted => storage.Value.ConvertedDirectory,
        _ => storage.Value.ReferencesDirectory,
    };

    /// <summary>Whether <paramref name="fileName"/> is a name this store makes for <paramref name="kind"/>.</summary>
    public static bool IsValidName(AudioKind kind, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? fileName) =>
        fileName is not null && (kind switch
        {
            AudioKind.Song => SongFileName(),
            AudioKind.Converted => ConvertedName(),
            _ => ReferenceFileName(),
        }).IsMatch(fileName);

    /// <summary>
    /// The name of song <paramref name="songId"/> converted to <paramref name="extension"/> (mp3, wav, flac), one per
    /// <paramref name="fingerprint"/> (16 lowercase hex digits naming what went into it: the audio, the format, the tags).
    /// </summary>
    public static string ConvertedFileName(Guid songId, string fingerprint, string extension) =>
        $"{songId:N}-{fingerprint}.{extension}";

    /// <summary>Where the file lives (whether or not it exists); null for a name this store never makes.</summary>
    public string? PathOf(AudioKind kind, string? fileName) =>
        IsValidName(kind, fileName) ? Path.Combine(FolderOf(kind), fileName) : null;

    public bool Exists(AudioKind kind, string? fileName) => PathOf(kind, fileName) is { } path && File.Exists(path);

    /// <summary>The file opened for reading, or null when it is not there.</summary>
    public FileStream? OpenRead(AudioKind kind, string? fileName)
    {
        if (PathOf(kind, fileName) is not { } path)
        {
            return null;
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The file as an HTTP answer with Range, Last-Modified and (when given) a strong ETag; conditional requests and HEAD
    /// are answered by the file result. Null when the file is not there.
    /// </summary>
    public IResult? Serve(AudioKind kind, string? fileName, string contentType, string? downloadName = null, EntityTagHeaderValue? etag = null)
    {
        if (PathOf(kind, fileName) is not { } path || !File.Exists(path))
        {
            return null;
        }

        return Results.File(path, contentType, fileDownloadName: downloadName, lastModified: File.GetLastWriteTimeUtc(path),
            entityTag: etag, enableRangeProcessing: true);
    }

    /// <summary>
    /// A new partial file in <paramref name="kind"/>'s folder: write it, inspect it at its <see cref="StagedAudioFile.Path"/>,
    /// then <see cref="StagedAudioFile.Commit"/> it under its real name. Disposing it uncommitted deletes it.
    /// </summary>
    public StagedAudioFile Stage(AudioKind kind)
    {
        var folder = FolderOf(kind);
        Directory.CreateDirectory(folder);
        return new StagedAudioFile(this, kind, Path.Combine(folder, $"{Guid.NewGuid():N}{PartialSuffix}"));
    }

    /// <summary>
    /// Deletes the file; true when a file was removed. A song's file takes its conversions with it. A failure is logged
    /// and left for the sweep.
    /// </summary>
    public bool Delete(AudioKind kind, string? fileName)
    {
        if (PathOf(kind, fileName) is not { } path)
        {
            return false;
        }

        if (kind == AudioKind.Song)
        {
            DeleteConversions($"{fileName![..32]}-*", keep: null);
        }

        return File.Exists(path) && TryDelete(kind, path);
    }

    /// <summary>
    /// Deletes the song's other conversions to the same format as <paramref name="current"/>: one made for an older
    /// title or file is never asked for again.
    /// </summary>
    public void DeleteOlderConversions(string current)
    {
        if (IsValidName(AudioKind.Converted, current))
        {
            DeleteConversions($"{current[..32]}-*{Path.GetExtension(current)}", keep: current);
        }
    }

    private void DeleteConversions(string pattern, string? keep)
    {
        var folder = new DirectoryInfo(FolderOf(AudioKind.Converted));
        if (!folder.Exists)
        {
            return;
        }

        foreach (var file in folder.EnumerateFiles(pattern))
        {
            if (file.Name != keep && IsValidName(AudioKind.Converted, file.Name))
            {
                TryDelete(AudioKind.Converted, file.FullName);
            }
        }
    }

    private bool TryDelete(AudioKind kind, string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "The {Kind} file {FileName} could not be deleted; the sweep will try again", kind, Path.GetFileName(path));
            return false;
        }
    }

    /// <summary>
    /// Whether any row points at the file: a song's audio, or a reference a saved reference or a song uses. A conversion
    /// is in use while its song's audio is.
    /// </summary>
    public async Task<bool> IsInUseAsync(AudioKind kind, string fileName, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (kind == AudioKind.Converted)
        {
            var song = IsValidName(kind, fileName) ? fileName[..32] + "." : null;
            return song is not null && await db.Generations.AnyAsync(g => g.ArchivedFileName != null && g.ArchivedFileName.StartsWith(song), cancellationToken);
        }

        return kind == AudioKind.Song
            ? await db.Generations.AnyAsync(g => g.ArchivedFileName == fileName, cancellationToken)
            : await db.SavedReferences.AnyAsync(r => r.UploadFileName == fileName, cancellationToken)
              || await db.Generations.AnyAsync(g => g.ReferenceFileName == fileName, cancellationToken);
    }

    /// <summary>
    /// Deletes partial files older than <see cref="PartialAge"/>, song files no song points to and conversions of songs
    /// whose audio is gone (older than <see cref="OrphanSongAge"/>) and hosted references nothing uses (older than
    /// <see cref="UnusedReferenceAge"/>).
    /// Files with names this store never makes are left alone. Returns how many files went.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default) => await SweepAsync(partialsBeforeUtc: null, cancellationToken);

    /// <summary>As <see cref="SweepAsync(CancellationToken)"/>, removing partial files last written before <paramref name="partialsBeforeUtc"/>.</summary>
    public async Task<int> SweepAsync(DateTime? partialsBeforeUtc, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var partialCutoff = partialsBeforeUtc ?? now - PartialAge;
        var doomed = new List<FileInfo>();
        foreach (var kind in Enum.GetValues<AudioKind>())
        {
            var folder = new DirectoryInfo(FolderOf(kind));
            if (!folder.Exists)
            {
                continue;
            }

            var files = folder.EnumerateFiles().ToList();
            doomed.AddRange(files.Where(f => f.Name.EndsWith(PartialSuffix, StringComparison.Ordinal) && f.LastWriteTimeUtc < partialCutoff));
            var unusedAge = kind == AudioKind.Reference ? UnusedReferenceAge : OrphanSongAge;
            var candidates = files.Where(f => IsValidName(kind, f.Name) && f.LastWriteTimeUtc < now - unusedAge).ToList();
            if (candidates.Count > 0)
            {
                var used = await NamesInUseAsync(kind, cancellationToken);
                // A conversion is named by its song's id, which names the song's audio too.
                doomed.AddRange(candidates.Where(f => !used.Contains(kind == AudioKind.Converted ? f.Name[..32] : f.Name)));
            }
        }

        var deleted = 0;
        foreach (var file in doomed)
        {
            try
            {
                file.Delete();
                deleted++;
                logger.LogInformation("Swept {File}: no row points to it, or a crash left it half written", file.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "{File} could not be swept", file.FullName);
            }
        }

        return deleted;
    }

    private async Task<HashSet<string>> NamesInUseAsync(AudioKind kind, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var used = new HashSet<string>(StringComparer.Ordinal);
        if (kind is AudioKind.Song or AudioKind.Converted)
        {
            var songs = await db.Generations.Where(g => g.ArchivedFileName != null).Select(g => g.ArchivedFileName!).ToListAsync(cancellationToken);
            used.UnionWith(kind == AudioKind.Song ? songs : songs.Where(name => name.Length > 32).Select(name => name[..32]));
        }
        else
        {
            used.UnionWith(await db.SavedReferences.Where(r => r.UploadFileName != null).Select(r => r.UploadFileName!).ToListAsync(cancellationToken));
            used.UnionWith(await db.Generations.Where(g => g.ReferenceFileName != null).Select(g => g.ReferenceFileName!).ToListAsync(cancellationToken));
        }

        return used;
    }

    internal void Publish(AudioKind kind, string stagedPath, string fileName)
    {
        if (!IsValidName(kind, fileName))
        {
            throw new ArgumentException($"\"{fileName}\" is not a name the audio store makes for a {kind}.", nameof(fileName));
        }

        // Same folder, so the rename is atomic: readers see the old file or the whole new one, never a part.
        File.Move(stagedPath, Path.Combine(FolderOf(kind), fileName), overwrite: true);
    }

    // A song's id without dashes and a short extension (".wav", ".mp3", ".audio"), never the partial suffix.
    // \z, not $: "$" also accepts a trailing newline.
    [GeneratedRegex("^[0-9a-f]{32}\\.(?!part\\z)[A-Za-z0-9]{1,5}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SongFileName();

    // The song's id without dashes, a 64-bit fingerprint of what went into the conversion, and the format.
    [GeneratedRegex("^[0-9a-f]{32}-[0-9a-f]{16}\\.(mp3|wav|flac)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedName();

    // A base64url token of at least 128 bits and what the bytes are.
    [GeneratedRegex("^[A-Za-z0-9_-]{22,}\\.(mp3|wav|flac|ogg|m4a|aac)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceFileName();
}

/// <summary>A file being written by the <see cref="AudioStore"/>: invisible under any real name until committed.</summary>
internal sealed class StagedAudioFile : IAsyncDisposable
{
    private readonly AudioStore _store;
    private readonly AudioKind _kind;
    private bool _committed;

    internal StagedAudioFile(AudioStore store, AudioKind kind, string path)
    {
        _store = store;
        _kind = kind;
        Path = path;
    }

    /// <summary>Where the partial file is, for inspecting the bytes (sniffing, ffprobe) before committing.</summary>
    public string Path { get; }

    /// <summary>Creates the partial file, lets <paramref name="write"/> fill it, and flushes it to disk.</summary>
    public async Task<T> WriteAsync<T>(Func<Stream, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var file = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var result = await write(file, cancellationToken);
        // On disk before the rename, so a power cut cannot leave an empty file under the real name.
        file.Flush(flushToDisk: true);
        return result;
    }

    /// <summary>Renames the partial file to <paramref name="fileName"/> (replacing a file of that name) in one step.</summary>
    public void Commit(string fileName)
    {
        if (_committed)
        {
            throw new InvalidOperationException("This file is already committed.");
        }

        _store.Publish(_kind, Path, fileName);
        _committed = true;
    }

    public ValueTask DisposeAsync()
    {
        if (!_committed)
        {
            try
            {
                File.Delete(Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Never served (the suffix), and swept once old.
            }
        }

        return ValueTask.CompletedTask;
    }
}
