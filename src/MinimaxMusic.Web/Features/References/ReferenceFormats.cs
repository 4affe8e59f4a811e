namespace MinimaxMusic.Web.Features.References;

/// <summary>One audio format a reference may come in: how people name it, its extension, media types and ffprobe names.</summary>
internal sealed record ReferenceFormat(string Name, string Extension, IReadOnlyList<string> MediaTypes, IReadOnlyList<string> ProbeNames)
{
    /// <summary>The catalog's name (<see cref="ReferenceRules.Formats"/>): "mp3", "flac".</summary>
    public string Id => Extension[1..];

    public string ContentType => MediaTypes[0];
}

/// <summary>
/// The audio formats any model takes as a reference (the cover model's mp3, wav, flac, ogg, m4a and aac; the legacy
/// model's mp3 and wav): one table for the sniffer's verdict, the probe's, the hosted file's name and its content type.
/// </summary>
internal static class ReferenceFormats
{
    public static readonly ReferenceFormat Mp3 = new("MP3", ".mp3", ["audio/mpeg", "audio/mp3"], ["mp3"]);
    public static readonly ReferenceFormat Wav = new("WAV", ".wav", ["audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"], ["wav"]);
    public static readonly ReferenceFormat Flac = new("FLAC", ".flac", ["audio/flac", "audio/x-flac"], ["flac"]);
    public static readonly ReferenceFormat Ogg = new("OGG", ".ogg", ["audio/ogg", "application/ogg"], ["ogg"]);
    public static readonly ReferenceFormat M4a = new("M4A", ".m4a", ["audio/mp4", "audio/x-m4a", "audio/m4a"], ["m4a", "mp4", "mov"]);
    public static readonly ReferenceFormat Aac = new("AAC", ".aac", ["audio/aac", "audio/x-aac"], ["aac"]);

    public static IReadOnlyList<ReferenceFormat> All { get; } = [Mp3, Wav, Flac, Ogg, M4a, Aac];

    /// <summary>The format a hosted file's name says (the store names files by what their bytes are).</summary>
    public static ReferenceFormat? ByExtension(string? fileNameOrExtension)
    {
        var extension = Path.GetExtension(fileNameOrExtension ?? "");
        return All.FirstOrDefault(f => string.Equals(f.Extension, extension, StringComparison.OrdinalIgnoreCase));
    }

    public static ReferenceFormat? ByMediaType(string? contentType) =>
        contentType is null ? null : All.FirstOrDefault(f => f.MediaTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase));

    /// <summary>The format ffprobe found, from its container names ("mov,mp4,m4a,3gp,3g2,mj2" is M4A).</summary>
    public static ReferenceFormat? ByProbeNames(IReadOnlyList<string> names) =>
        All.FirstOrDefault(f => f.ProbeNames.Any(names.Contains));

    public static ReferenceFormat? BySniff(SniffedContent sniffed) => sniffed switch
    {
        SniffedContent.Mp3 => Mp3,
        SniffedContent.Wav => Wav,
        SniffedContent.Flac => Flac,
        SniffedContent.Ogg => Ogg,
        SniffedContent.M4a => M4a,
        SniffedContent.Aac => Aac,
        _ => null,
    };

    /// <summary>What <paramref name="model"/> takes, by extension for an upload's file picker: ".mp3,.wav,audio/mpeg,…".</summary>
    public static string AcceptAttribute(MusicModel model) => string.Join(",", Accepted(model).SelectMany(f => f.MediaTypes.Take(1).Prepend(f.Extension)));

    public static IEnumerable<ReferenceFormat> Accepted(MusicModel model) => All.Where(f => model.Reference.Formats.Contains(f.Id));
}
