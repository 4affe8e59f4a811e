using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Features.References;

/// <summary>
/// Checks a reference track URL for real before any credit is spent: fetched through the guarded client, it must be
/// audio the model takes (the legacy model: MP3 or WAV longer than 15 seconds; the cover model: 6 s to 6 min, up to
/// 50 MB, MP3, WAV, FLAC, OGG, M4A or AAC), measured by the <see cref="MediaProbe"/>. Results are cached by URL and model.
/// </summary>
internal sealed class ReferenceProbe(
    GuardedHttp http,
    MediaProbe media,
    IMemoryCache cache,
    IOptionsMonitor<ReferenceOptions> options,
    ILogger<ReferenceProbe> logger)
{
    private static readonly TimeSpan FailureCacheTime = TimeSpan.FromMinutes(1);

    /// <summary>The model a check is for when none is named: the legacy model this app was made for.</summary>
    public static MusicModel LegacyModel { get; } = ModelCatalog.Find(ModelCatalog.Legacy)!;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<CacheKey, Lazy<Task<ReferenceCheck>>> _inFlight = new();

    public Task<ReferenceCheck> CheckAsync(string url, CancellationToken cancellationToken) => CheckAsync(url, LegacyModel, cancellationToken);

    public async Task<ReferenceCheck> CheckAsync(string url, MusicModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var trimmed = url?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return ReferenceCheck.Unusable(trimmed, $"enter the URL of an {model.Reference.FormatList} file");
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri))
        {
            return ReferenceCheck.Unusable(trimmed, "the URL must be an absolute http:// or https:// address");
        }

        if (OutboundGuard.CheckShape(uri) is { } shapeProblem)
        {
            return ReferenceCheck.Unusable(trimmed, shapeProblem);
        }

        var key = new CacheKey(trimmed, model.Id);
        if (cache.TryGetValue(key, out ReferenceCheck? cached) && cached is not null)
        {
            return cached;
        }

        // One probe per URL at a time: a burst of submits with the same reference shares one download instead of
        // each starting its own (which could push them all past the time cap). The shared probe is not tied to any
        // one caller's cancellation; each caller stops waiting on its own.
        var probe = _inFlight.GetOrAdd(key, _ => new Lazy<Task<ReferenceCheck>>(() => ProbeAndCacheAsync(key, uri, model)));
        return await probe.Value.WaitAsync(cancellationToken);
    }

    /// <summary>Probes once and caches the answer (a usable track for the configured time, a refusal for a minute).</summary>
    private async Task<ReferenceCheck> ProbeAndCacheAsync(CacheKey key, Uri uri, MusicModel model)
    {
        try
        {
            var result = await ProbeAsync(key.Url, uri, model, CancellationToken.None);
            var lifetime = result.IsUsable ? options.CurrentValue.CacheFor : FailureCacheTime;
            if (lifetime > TimeSpan.Zero)
            {
                cache.Set(key, result, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 });
            }

            return result;
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }

    private async Task<ReferenceCheck> ProbeAsync(string url, Uri uri, MusicModel model, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var path = ScratchFiles.NewPath("reference");
        try
        {
            GuardedDownload download;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                download = await http.DownloadAsync(uri, settings.MaxBytes, settings.ProbeTimeout, file, cancellationToken);
            }

            if (!download.Succeeded)
            {
                logger.LogInformation("Reference {Url} failed the download: {Problem}", url, download.Problem);
                return ReferenceCheck.Unusable(url, download.Problem!) with { ContentType = download.ContentType };
            }

            return await InspectAsync(path, download.ContentType, url, download.Bytes, downloaded: true, model, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            // The temporary copy could not be written or read (disk full, temp folder not writable).
            logger.LogError(ex, "Reference {Url} could not be stored in {TempFolder} for checking", url, Path.GetTempPath());
            return ReferenceCheck.Unusable(url, "the file could not be checked because of a problem on our server; try again later");
        }
        finally
        {
            ScratchFiles.Delete(path);
        }
    }

    /// <summary>
    /// Checks a file already on this machine (an upload, a copy of one of our songs) by the same rules as a
    /// downloaded URL, without any HTTP. <paramref name="contentType"/> plays the part of the server's header
    /// (a fallback when the bytes are not recognised); <paramref name="urlForResult"/> becomes the result's URL.
    /// Not cached: the caller owns the file and its lifetime.
    /// </summary>
    public async Task<ReferenceCheck> CheckFileAsync(
        string path, string? contentType, string urlForResult, CancellationToken cancellationToken, MusicModel? model = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            var size = new FileInfo(path).Length;
            return await InspectAsync(path, contentType, urlForResult, size, downloaded: false, model ?? LegacyModel, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Reference file {Path} could not be read for checking", path);
            return ReferenceCheck.Unusable(urlForResult, "the file could not be checked because of a problem on our server; try again later");
        }
    }

    /// <summary>The part of a check that looks at the bytes: shared by downloaded URLs and local files.</summary>
    private async Task<ReferenceCheck> InspectAsync(
        string path, string? contentType, string url, long size, bool downloaded, MusicModel model, CancellationToken cancellationToken)
    {
        var found = new ReferenceCheck { Url = url, SizeBytes = size, ContentType = contentType };
        if (size == 0)
        {
            return found with { Problem = downloaded ? "the server sent an empty file" : "the file is empty" };
        }

        var sniffed = AudioSniffer.Sniff(await ReadHeadAsync(path, cancellationToken));
        var declared = ReferenceFormats.ByMediaType(contentType);
        if (sniffed == SniffedContent.Html || (sniffed == SniffedContent.Unknown && declared is null
            && string.Equals(contentType, "text/html", StringComparison.OrdinalIgnoreCase)))
        {
            return found with
            {
                Problem = downloaded ? "the server answered with an HTML page, not audio" : "the file is an HTML page, not audio",
            };
        }

        var accepted = model.Reference.FormatList;
        var format = ReferenceFormats.BySniff(sniffed) ?? declared;
        if (format is null || !model.Reference.Formats.Contains(format.Id))
        {
            var what = format is null ? "" : $" (it is {format.Name})";
            return found with
            {
                Problem = downloaded && format is null
                    ? $"the file is not {accepted} audio (the server sent {contentType ?? "no content type"})"
                    : $"the file is not {accepted} audio{what}",
            };
        }

        return await MeasureAsync(path, found with { Format = format.Name }, model, cancellationToken);
    }

    private async Task<ReferenceCheck> MeasureAsync(string path, ReferenceCheck found, MusicModel model, CancellationToken cancellationToken)
    {
        var probed = await media.ProbeAsync(path, cancellationToken);
        switch (probed.Outcome)
        {
            case ProbeOutcome.ToolMissing:
                return WithoutDuration(found);
            case ProbeOutcome.TimedOut:
                return found with { Problem = "the file could not be analysed in time" };
            case ProbeOutcome.Unreadable:
                logger.LogInformation("Reference {Url} could not be read as {Format} audio", found.Url, found.Format);
                return found with { Problem = $"the file could not be read as {found.Format} audio" };
        }

        var analysis = probed.Analysis!;
        var format = ReferenceFormats.ByProbeNames(analysis.Formats) is { } probedFormat && model.Reference.Formats.Contains(probedFormat.Id)
            ? probedFormat.Name
            : null;
        if (format is null)
        {
            return found with { Format = null, Problem = $"the file is {analysis.FormatName} audio, not {model.Reference.FormatList}" };
        }

        if (analysis.AudioStreams == 0)
        {
            return found with { Format = format, Problem = "the file has no audio in it" };
        }

        var duration = analysis.Duration ?? TimeSpan.Zero;
        var measured = found with { Format = format, Duration = duration, DurationVerified = true };
        if (model.IsLegacy && duration <= model.Reference.MinDuration)
        {
            // The wording people have seen since the start.
            return measured with
            {
                Problem = $"the file is {duration.TotalSeconds:0.0} s long; the model needs more than {model.Reference.MinDuration.TotalSeconds:0} s",
            };
        }

        var problem = ModelRules.CheckReference(model, new ReferenceFacts(format, found.SizeBytes ?? 0, duration));
        return problem is null ? measured with { IsUsable = true } : measured with { Problem = problem };
    }

    private static ReferenceCheck WithoutDuration(ReferenceCheck found) => found with
    {
        IsUsable = true,
        DurationVerified = false,
        Warning = "duration could not be verified (ffprobe is not installed)",
    };

    private static async Task<byte[]> ReadHeadAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        var head = new byte[AudioSniffer.BytesNeeded];
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return head[..read];
    }

    private sealed record CacheKey(string Url, string ModelId);
}
