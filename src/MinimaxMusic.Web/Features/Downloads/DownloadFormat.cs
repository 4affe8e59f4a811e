using MinimaxMusic.Web.Audio;

namespace MinimaxMusic.Web.Features.Downloads;

/// <summary>
/// A format a song can be downloaded in: the saved file as it is, or a conversion. <see cref="Slug"/> is the last
/// segment of its address (<c>/media/{id}/download/flac</c>).
/// </summary>
internal sealed record DownloadFormat(string Slug, string Label, string Description, AudioFormat? Conversion, string Extension, string ContentType)
{
    public static readonly DownloadFormat Original = new("original", "Original", "the saved file, untouched", null, "", "");
    public static readonly DownloadFormat Mp3 = new("mp3", "MP3", "small, plays everywhere", AudioFormat.Mp3, "mp3", "audio/mpeg");
    public static readonly DownloadFormat Wav = new("wav", "WAV", "uncompressed, for editing", AudioFormat.Wav, "wav", "audio/wav");
    public static readonly DownloadFormat Flac = new("flac", "FLAC", "lossless, smaller than WAV", AudioFormat.Flac, "flac", "audio/flac");

    public static IReadOnlyList<DownloadFormat> All { get; } = [Original, Mp3, Wav, Flac];

    /// <summary>The formats ffmpeg makes, named together where the page says they need it.</summary>
    public static string ConvertedNames => string.Join('/', All.Where(f => f.Conversion is not null).Select(f => f.Label));

    public static DownloadFormat? Find(string? slug) => All.FirstOrDefault(f => string.Equals(f.Slug, slug, StringComparison.OrdinalIgnoreCase));
}
