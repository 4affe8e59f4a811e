using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Data;
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
/// on a laptop is only useful once this app serves it under App:PublicBaseUrl. Files live in
/// &lt;DataDirectory&gt;/references under a 128-bit random name, are written atomically, and are checked by the
/// same rules as a reference URL before they are published.
/// </summary>
internal sealed partial class ReferenceUploads(
    ReferenceProbe probe,
    IOptionsMonitor<AppOptions> app,
    IOptionsMonitor<ReferenceOptions> options,
    IOptions<StorageOptions> storage,
    ILogger<ReferenceUploads> logger)
{
    public const string DisabledExplanation =
        "Uploads are off: the AIML service downloads the reference itself, so it must reach this app. "
        + "Set App__PublicBaseUrl to the address the internet reaches this app at.";

    public const string FolderName = "references";
    public const string PartialSuffix = ".part";
    public const string MissingFileProblem = "the uploaded file is no longer on this server; upload it again";

    // 128 random bits: 22 base64url characters.
    private const int TokenBytes = 16;

    public bool IsEnabled => PublicBase is not null;

    public long MaxUploadBytes => options.CurrentValue.MaxUploadBytes;

    public string FolderPath => Path.Combine(storage.Value.FullDataDirectory, FolderName);

    private Uri? PublicBase => app.CurrentValue.PublicBase;

    /// <summary>Only names this class makes: a base64url token and .mp3/.wav. Nothing else is ever served or deleted.</summary>
    public static bool IsHostedFileName(string? fileName) => fileName is not null && HostedFileName().IsMatch(fileName);

    public static string ContentTypeOf(string fileName) =>
        fileName.EndsWith(".wav", StringComparison.OrdinalIgnoreCase) ? "audio/wav" : "audio/mpeg";

    public string? PathOf(string fileName) => IsHostedFileName(fileName) ? Path.Combine(FolderPath, fileName) : null;

    public Uri? PublicUrlOf(string fileName) =>
        PublicBase is { } publicBase && IsHostedFileName(fileName) ? new Uri(publicBase, $"{FolderName}/{fileName}") : null;

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
        return IsHostedFileName(name) ? name : null;
    }

    /// <summary>
    /// Stores an uploaded reference and checks it locally (no HTTP). Refused without App:PublicBaseUrl, for
    /// anything but .mp3/.wav, and over References:MaxUploadBytes (declared or received); a rejected or partial
    /// file never stays on disk. <paramref name="declaredSize"/> below zero means unknown.
    /// </summary>
    public async Task<UploadResult> SaveAsync(Stream content, string fileName, long declaredSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!IsEnabled)
        {
            return UploadResult.Refused(DisabledExplanation);
        }

        // Browsers send a bare name; some older ones sent a whole path, in either separator.
        var name = (fileName ?? "").Split('/', '\\').Last().Trim();
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension is not (".mp3" or ".wav"))
        {
            return UploadResult.Refused(extension.Length == 0
                ? "only .mp3 and .wav files can be uploaded (this file has no extension)"
                : $"only .mp3 and .wav files can be uploaded, not {extension}");
        }

        var max = MaxUploadBytes;
        if (declaredSize > max)
        {
            return UploadResult.Refused(TooLarge(max));
        }

        return await StoreAndCheckAsync(content, ContentTypeOf(extension), name, cancellationToken);
    }

    /// <summary>Hosts a copy of a file already on this machine (one of our songs) under a fresh name, checked like an upload.</summary>
    public async Task<UploadResult> HostCopyAsync(string sourcePath, string displayName, CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return UploadResult.Refused(DisabledExplanation);
        }

        var extension = Path.GetExtension(sourcePath).ToLowerInvariant();
        await using var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        if (source.Length > MaxUploadBytes)
        {
            return UploadResult.Refused(TooLarge(MaxUploadBytes));
        }

        // The bytes decide the format; the archive's extension is only a hint.
        var declared = extension is ".mp3" or ".wav" ? ContentTypeOf(extension) : null;
        return await StoreAndCheckAsync(source, declared, displayName, cancellationToken);
    }

    /// <summary>Re-checks a hosted file by name; the result carries its current public URL.</summary>
    public async Task<ReferenceCheck> CheckStoredAsync(string fileName, CancellationToken cancellationToken)
    {
        if (PublicUrlOf(fileName) is not { } url)
        {
            return ReferenceCheck.Unusable(fileName, IsEnabled ? MissingFileProblem : DisabledExplanation);
        }

        var path = PathOf(fileName)!;
        return File.Exists(path)
            ? await probe.CheckFileAsync(path, ContentTypeOf(fileName), url.AbsoluteUri, cancellationToken) with { HostedFileName = fileName }
            : ReferenceCheck.Unusable(url.AbsoluteUri, MissingFileProblem);
    }

    /// <summary>
    /// For a URL this app hosts, the check of the local file (no request to ourselves through the internet);
    /// null for any other URL, which the caller checks with <see cref="ReferenceProbe.CheckAsync"/>.
    /// </summary>
    public async Task<ReferenceCheck?> CheckHostedAsync(string url, CancellationToken cancellationToken) =>
        HostedFileNameOf(url) is { } fileName ? await CheckStoredAsync(fileName, cancellationToken) : null;

    public bool DeleteFile(string fileName)
    {
        if (PathOf(fileName) is not { } path)
        {
            return false;
        }

        var existed = File.Exists(path);
        TryDelete(path);
        return existed && !File.Exists(path);
    }

    private async Task<UploadResult> StoreAndCheckAsync(
        Stream content, string? declaredContentType, string displayName, CancellationToken cancellationToken)
    {
        var folder = FolderPath;
        Directory.CreateDirectory(folder);
        var token = NewToken();
        // Same folder as the final name, so the rename is atomic; the suffix keeps it from ever being served.
        var temp = Path.Combine(folder, token + PartialSuffix);
        var max = MaxUploadBytes;
        try
        {
            CopyOutcome outcome;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                outcome = await CopyCappedAsync(content, file, max, cancellationToken);
            }

            switch (outcome)
            {
                case CopyOutcome.TooLarge:
                    return UploadResult.Refused(TooLarge(max));
                case CopyOutcome.SourceFailed:
                    return UploadResult.Refused("the upload was interrupted before the whole file arrived; try again");
            }

            var check = await probe.CheckFileAsync(temp, declaredContentType, displayName, cancellationToken);
            if (!check.IsUsable)
            {
                logger.LogInformation("Reference file {Name} was rejected: {Problem}", displayName, check.Problem);
                return new UploadResult { Check = check, Problem = check.Problem };
            }

            // Named by what the bytes are, so the served content type is right even if the extension lied.
            var hostedName = token + (check.Format == "WAV" ? ".wav" : ".mp3");
            File.Move(temp, Path.Combine(folder, hostedName));
            if (PublicUrlOf(hostedName) is not { } url)
            {
                // App:PublicBaseUrl was removed while the file was being checked.
                TryDelete(Path.Combine(folder, hostedName));
                return UploadResult.Refused(DisabledExplanation);
            }

            logger.LogInformation("Reference file {Name} is hosted as {HostedName}", displayName, hostedName);
            return new UploadResult { Check = check with { Url = url.AbsoluteUri, ContentType = ContentTypeOf(hostedName), HostedFileName = hostedName } };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Reference file {Name} could not be stored in {Folder}", displayName, folder);
            return UploadResult.Refused("the file could not be stored because of a problem on our server; try again later");
        }
        finally
        {
            TryDelete(temp);
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

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the unused-file sweep.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // \z, not $: "$" would also accept a name ending in a newline.
    [GeneratedRegex("^[A-Za-z0-9_-]{22,}\\.(mp3|wav)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex HostedFileName();

    private enum CopyOutcome
    {
        Complete,
        TooLarge,
        SourceFailed,
    }
}
