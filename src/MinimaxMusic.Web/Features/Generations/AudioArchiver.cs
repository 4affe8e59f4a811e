using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Data;

namespace MinimaxMusic.Web.Features.Generations;

/// <summary>
/// Keeps a local copy of each finished song: the vendor's CDN links are not promised to last.
/// Writes atomically (temp file, then rename) so a crash never leaves half a song.
/// </summary>
internal sealed class AudioArchiver(
    IHttpClientFactory httpClientFactory,
    IOptions<StorageOptions> storage,
    ILogger<AudioArchiver> logger)
{
    public const string HttpClientName = "audio-archive";
    private const long MaxAudioBytes = 100L * 1024 * 1024;

    public async Task<bool> TryArchiveAsync(Generation generation, CancellationToken cancellationToken)
    {
        if (generation.AudioUrl is null)
        {
            return false;
        }

        var directory = storage.Value.AudioDirectory;
        Directory.CreateDirectory(directory);
        var fileName = generation.Id.ToString("N") + ExtensionFor(generation);
        var target = Path.Combine(directory, fileName);
        var temp = target + ".part";
        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.GetAsync(generation.AudioUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            if (response.Content.Headers.ContentLength > MaxAudioBytes)
            {
                throw new InvalidDataException($"The audio file is larger than {MaxAudioBytes / 1024 / 1024} MB.");
            }

            long written;
            await using (var source = await response.Content.ReadAsStreamAsync(cancellationToken))
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                written = await CopyCappedAsync(source, file, cancellationToken);
            }

            File.Move(temp, target, overwrite: true);
            generation.ArchivedFileName = fileName;
            generation.ArchivedSize = written;
            generation.AudioContentType ??= response.Content.Headers.ContentType?.MediaType;
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The song still plays from the remote URL until a later archive attempt succeeds.
            logger.LogWarning(ex, "Archiving generation {GenerationId} failed", generation.Id);
            File.Delete(temp);
            return false;
        }
    }

    public string? PathOf(Generation generation) =>
        generation.ArchivedFileName is { } name ? Path.Combine(storage.Value.AudioDirectory, name) : null;

    private static async Task<long> CopyCappedAsync(Stream source, Stream target, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > MaxAudioBytes)
            {
                throw new InvalidDataException($"The audio file is larger than {MaxAudioBytes / 1024 / 1024} MB.");
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return total;
    }

    private static string ExtensionFor(Generation generation) =>
        generation.AudioContentType switch
        {
            "audio/mpeg" or "audio/mp3" => ".mp3",
            "audio/wav" or "audio/x-wav" or "audio/wave" => ".wav",
            _ => Path.GetExtension(new Uri(generation.AudioUrl!).AbsolutePath) is { Length: > 1 and <= 5 } ext ? ext : ".bin",
        };
}
