using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Hosting;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Features.References;

/// <summary>What happened to an uploaded (or copied) reference file.</summary>
public sealed record UploadResult
{
    /// <summary>
    /// The check of the stored file. On success its URL is the public one; when the file was checked and
    /// rejected, it still says what was found (format, duration) and its URL is the name the file came with.
    /// </summary>
    public ReferenceCheck? Check { get; init; }

    /// <summary>Why the file was not accepted, in words for the writer; null on success.</summary>
    public string? Problem { get; init; }

    public bool Succeeded => Problem is null && Check is { IsUsable: true };

    public static UploadResult Refused(string problem) => new() { Problem = problem };
}

/// <summary>
/// Hosts reference files for the upstream to download: the AIML service fetches the reference itself, so a file
/// on a laptop is only useful once this app serves it under App:PublicBaseUrl. Files are kept by the
/// <see cref="AudioStore"/> (<see cref="AudioKind.Reference"/>) under a 128-bit random name, and are checked by the
/// same rules as a reference URL before they are published.
/// </summary>
internal sealed class ReferenceUploads(
    ReferenceProbe probe,
    AudioStore store,
    IOptionsMonitor<AppOptions> app,
    IOptionsMonitor<ReferenceOptions> options,
    MinimaxMusic.Web.Features.Demo.DemoMode demo,
    ILogger<ReferenceUploads> logger)
{
    public const string DisabledExplanation =
        "Uploads are off: the AIML service downloads the reference itself, so it must reach this app. "
        + "Set App__PublicBaseUrl to the address the internet reaches this app at.";

    /// <summary>The URL path segment hosted files are served under.</summary>
    public const string FolderName = "references";
    public const string MissingFileProblem = "the uploaded file is no longer on this server; upload it again";

    // 128 random bits: 22 base64url characters.
    private const int TokenBytes = 16;

    public bool IsEnabled => PublicBase is not null;

    public long MaxUploadBytes => options.CurrentValue.MaxUploadBytes;

    // In demo mode the app's own address stands in: the simulated vendor never fetches a URL.
    private Uri? PublicBase => app.CurrentValue.PublicBase ?? demo.OwnAddress;

    public static string ContentTypeOf(string fileName) => (ReferenceFormats.ByExtension(fileName) ?? ReferenceFormats.Mp3).ContentType;

    public Uri? PublicUrlOf(string fileName) =>
        PublicBase is { } publicBase && AudioStore.IsValidName(AudioKind.Reference, fileName) ? new Uri(publicBase, $"{FolderName}/{fileName}") : null;

    /// <summary>The hosted file a URL points at, when it is one of ours under the current public base URL.</summary>
    public string? HostedFileNameOf(string? url)
    {
        if (PublicBase is not { } publicBase || string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var prefix = new Uri(publicBase, FolderName + "/").AbsoluteUri;
        var trimmed = url.Trim();
        if (!trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var name = trimmed[prefix.Length..];
        return AudioStore.IsValidName(AudioKind.Reference, name) ? name : null;
    }

    /// <summary>
    /// Stores an uploaded reference and checks it locally (no HTTP). Refused without App:PublicBaseUrl, for
    /// anything but .mp3/.wav, and over References:MaxUploadBytes (declared or received); a rejected or partial
    /// file never stays on disk. <paramref name="declaredSize"/> below zero means unknown.
    /// </summary>
    public async Task<UploadResult> SaveAsync(
        Stream content, string fileName, long declaredSize, CancellationToken cancellationToken, MusicModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        model ??= ReferenceProbe.LegacyModel;
        if (!IsEnabled)
        {
            return UploadResult.Refused(DisabledExplanation);
        }

        // Browsers send a bare name; some older ones sent a whole path, in either separator.
        var name = (fileName ?? "").Split('/', '\\').Last().Trim();
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var accepted = ReferenceFormats.Accepted(model).Select(f => f.Extension).ToList();
        if (!accepted.Contains(extension))
        {
            var list = accepted.Count == 1 ? accepted[0] : string.Join(", ", accepted.Take(accepted.Count - 1)) + " and " + accepted[^1];
            return UploadResult.Refused(extension.Length == 0
                ? $"only {list} files can be uploaded (this file has no extension)"
                : $"only {list} files can be uploaded, not {extension}");
        }

        var max = MaxUploadBytes;
        if (declaredSize > max)
        {
            return UploadResult.Refused(TooLarge(max));
        }

        return await StoreAndCheckAsync(content, ContentTypeOf(extension), name, model, cancellationToken);
    }

    /// <summary>Hosts a copy of one of our songs' saved audio under a fresh name, checked like an upload.</summary>
    public async Task<UploadResult> HostCopyAsync(
        FileStream source, string displayName, CancellationToken cancellationToken, MusicModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!IsEnabled)
        {
            return UploadResult.Refused(DisabledExplanation);
        }

        var extension = Path.GetExtension(source.Name).ToLowerInvariant();
        if (source.Length > MaxUploadBytes)
        {
            return UploadResult.Refused(TooLarge(MaxUploadBytes));
        }

        // The bytes decide the format; the archive's extension is only a hint.
        var declared = ReferenceFormats.ByExtension(extension)?.ContentType;
        return await StoreAndCheckAsync(source, declared, displayName, model ?? ReferenceProbe.LegacyModel, cancellationToken);
    }

    /// <summary>Re-checks a hosted file by name; the result carries its current public URL.</summary>
    public async Task<ReferenceCheck> CheckStoredAsync(string fileName, CancellationToken cancellationToken, MusicModel? model = null)
    {
        if (PublicUrlOf(fileName) is not { } url)
        {
            return ReferenceCheck.Unusable(fileName, IsEnabled ? MissingFileProblem : DisabledExplanation);
        }

        var path = store.PathOf(AudioKind.Reference, fileName)!;
        return File.Exists(path)
            ? await probe.CheckFileAsync(path, ContentTypeOf(fileName), url.AbsoluteUri, cancellationToken, model) with { HostedFileName = fileName }
            : ReferenceCheck.Unusable(url.AbsoluteUri, MissingFileProblem);
    }

    /// <summary>
    /// For a URL this app hosts, the check of the local file (no request to ourselves through the internet);
    /// null for any other URL, which the caller checks with <see cref="ReferenceProbe.CheckAsync"/>.
    /// </summary>
    public async Task<ReferenceCheck?> CheckHostedAsync(string url, CancellationToken cancellationToken, MusicModel? model = null) =>
        HostedFileNameOf(url) is { } fileName ? await CheckStoredAsync(fileName, cancellationToken, model) : null;

    private async Task<UploadResult> StoreAndCheckAsync(
        Stream content, string? declaredContentType, string displayName, MusicModel model, CancellationToken cancellationToken)
    {
        var max = MaxUploadBytes;
        try
        {
            await using var staged = store.Stage(AudioKind.Reference);
            var outcome = await staged.WriteAsync((file, ct) => CopyCappedAsync(content, file, max, ct), cancellationToken);
            switch (outcome)
            {
                case CopyOutcome.TooLarge:
                    return UploadResult.Refused(TooLarge(max));
                case CopyOutcome.SourceFailed:
                    return UploadResult.Refused("the upload was interrupted before the whole file arrived; try again");
            }

            var check = await probe.CheckFileAsync(staged.Path, declaredContentType, displayName, cancellationToken, model);
            if (!check.IsUsable)
            {
                logger.LogInformation("Reference file {Name} was rejected: {Problem}", displayName, check.Problem);
                return new UploadResult { Check = check, Problem = check.Problem };
            }

            // Named by what the bytes are, so the served content type is right even if the extension lied.
            var hostedName = NewToken() + (ReferenceFormats.All.FirstOrDefault(f => f.Name == check.Format) ?? ReferenceFormats.Mp3).Extension;
            if (PublicUrlOf(hostedName) is not { } url)
            {
                // App:PublicBaseUrl was removed while the file was being checked.
                return UploadResult.Refused(DisabledExplanation);
            }

            staged.Commit(hostedName);
            logger.LogInformation("Reference file {Name} is hosted as {HostedName}", displayName, hostedName);
            return new UploadResult { Check = check with { Url = url.AbsoluteUri, ContentType = ContentTypeOf(hostedName), HostedFileName = hostedName } };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Reference file {Name} could not be stored in {Folder}", displayName, store.FolderOf(AudioKind.Reference));
            return UploadResult.Refused("the file could not be stored because of a problem on our server; try again later");
        }
    }

    private static async Task<CopyOutcome> CopyCappedAsync(Stream source, Stream target, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        while (true)
        {
            int read;
            try
            {
                read = await source.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                // The sender went away mid-file.
                return CopyOutcome.SourceFailed;
            }

            if (read == 0)
            {
                return CopyOutcome.Complete;
            }

            total += read;
            if (total > maxBytes)
            {
                return CopyOutcome.TooLarge;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    private static string NewToken() => SecretTokens.New(TokenBytes);

    private static string TooLarge(long maxBytes) => $"the file is larger than the {GuardedHttp.DescribeSize(maxBytes)} upload limit";

    private enum CopyOutcome
    {
        Complete,
        TooLarge,
        SourceFailed,
    }
}
