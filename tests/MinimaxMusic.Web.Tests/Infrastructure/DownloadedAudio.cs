using FFMpegCore;
using Microsoft.Playwright;

namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>A file the browser downloaded, as ffprobe reads it: its one audio stream's codec and its tags (keys upper-cased).</summary>
internal sealed record DownloadedAudio(string? Codec, IReadOnlyDictionary<string, string> Tags)
{
    public static async Task<DownloadedAudio> ReadAsync(IDownload download)
    {
        var path = Path.Combine(Path.GetTempPath(), $"minimaxmusic-browser-download-{Guid.NewGuid():N}{Path.GetExtension(download.SuggestedFilename)}");
        try
        {
            await download.SaveAsAsync(path);
            var probed = await FFProbe.AnalyseAsync(path, cancellationToken: TestContext.Current.CancellationToken);
            return new DownloadedAudio(
                Assert.Single(probed.AudioStreams).CodecName,
                probed.Format.Tags!.ToDictionary(t => t.Key.ToUpperInvariant(), t => t.Value));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
