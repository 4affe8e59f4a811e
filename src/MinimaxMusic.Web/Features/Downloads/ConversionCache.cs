using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Features.Downloads;

/// <summary>
/// Songs converted for download, made on first request and kept by the <see cref="AudioStore"/> beside the archive
/// (converted/, deleted with the song). A file is named by what went into it — the saved audio, the format and the
/// tags — so a renamed song gets a fresh file and an unchanged one is never converted twice. One conversion runs per file:
/// requests for the same one wait for it, then read the result.
/// </summary>
internal sealed class ConversionCache
{
    // Bump when the recipe (codecs, tag layout) changes, so files made the old way are not served again.
    private const string Recipe = "1";

    private readonly AudioStore _store;
    private readonly AudioConverter _converter;
    private readonly ILogger<ConversionCache> _logger;
    private readonly KeyedLock _locks = new();
    private readonly Counter<long> _conversions;

    public ConversionCache(AudioStore store, AudioConverter converter, IMeterFactory meterFactory, ILogger<ConversionCache> logger)
    {
        _store = store;
        _converter = converter;
        _logger = logger;
#pragma warning disable CA2000 // IMeterFactory owns the meters it creates and disposes them with the container.
        var meter = meterFactory.Create(GenerationMetrics.MeterName);
#pragma warning restore CA2000
        _conversions = meter.CreateCounter<long>("minimaxmusic.downloads.conversions", unit: "{conversion}",
            description: "Songs converted for download by ffmpeg, by format (mp3, wav, flac) and outcome (converted, failed); "
                         + "a download served from the cache is not counted.");
    }

    /// <summary>Whether conversions can be made here (ffmpeg is installed).</summary>
    public bool IsAvailable => _converter.IsAvailable;

    /// <summary>
    /// The cached file (an <see cref="AudioKind.Converted"/> name) of <paramref name="song"/>'s saved audio as
    /// <paramref name="format"/> with <paramref name="tags"/>, converting it first when needed. Null when the saved audio is
    /// not there or the conversion failed (logged).
    /// </summary>
    public async Task<string?> GetAsync(Generation song, DownloadFormat format, AudioTags tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(song);
        ArgumentNullException.ThrowIfNull(format);
        if (format.Conversion is not { } target || _store.PathOf(AudioKind.Song, song.ArchivedFileName) is not { } source || !File.Exists(source))
        {
            return null;
        }

        var name = AudioStore.ConvertedFileName(song.Id, Fingerprint(song, format, tags), format.Extension);
        if (_store.Exists(AudioKind.Converted, name))
        {
            return name;
        }

        using (await _locks.LockAsync(name, cancellationToken))
        {
            // Made by the request this one waited for.
            if (_store.Exists(AudioKind.Converted, name))
            {
                return name;
            }

            await using var staged = _store.Stage(AudioKind.Converted);
            if (!await _converter.ConvertAsync(source, song.AudioContentType, target, tags, staged.Path, cancellationToken))
            {
                _conversions.Add(1, new("format", format.Slug), new("outcome", "failed"));
                return null;
            }

            staged.Commit(name);
            _conversions.Add(1, new("format", format.Slug), new("outcome", "converted"));
            _logger.LogInformation("Converted song {GenerationId} to {Format} for download ({File})", song.Id, format.Label, name);
        }

        _store.DeleteOlderConversions(name);
        return name;
    }

    /// <summary>64 bits of SHA-256 over everything that shapes the file; the saved audio by its own hash when known.</summary>
    private static string Fingerprint(Generation song, DownloadFormat format, AudioTags tags)
    {
        var audio = song.ArchivedSha256 ?? $"{song.ArchivedFileName}|{song.ArchivedSize}|{song.ArchivedAtUtc:O}";
        var facts = string.Join('\0', Recipe, format.Slug, audio, tags.Title, tags.Artist, tags.Lyrics, tags.Comment);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(facts)).AsSpan(0, 8));
    }
}
