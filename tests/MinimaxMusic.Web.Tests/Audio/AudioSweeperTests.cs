using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Audio;

/// <summary>What a crash leaves behind is cleared when the real app starts again on the same data folder.</summary>
[Trait("Category", "Integration")]
public sealed class AudioSweeperTests
{
    [Fact]
    public async Task AtStart_PartialFilesOrphanedSongsAndOldCheckDownloads_AreSwept()
    {
        var data = Directory.CreateTempSubdirectory("minimaxmusic-sweep-").FullName;
        var twoHoursAgo = DateTime.UtcNow.AddHours(-2);
        var partialSong = Leftover(Path.Combine(data, "audio", $"{Guid.NewGuid():N}.{Guid.NewGuid():N}.part"), twoHoursAgo);
        // Killed a moment ago and restarted at once: a temporary file from before the start is a dead process's.
        var freshPartialSong = Leftover(Path.Combine(data, "audio", $"{Guid.NewGuid():N}.{Guid.NewGuid():N}.part"), DateTime.UtcNow.AddSeconds(-5));
        var freshCheckDownload = Leftover(
            Path.Combine(Path.GetTempPath(), $"minimaxmusic-reference-p{int.MaxValue}-{Guid.NewGuid():N}.tmp"), DateTime.UtcNow.AddSeconds(-5));
        // A check running in another app on the machine right now is left alone.
        var livePeersDownload = Leftover(
            Path.Combine(Path.GetTempPath(), $"minimaxmusic-reference-p{Environment.ProcessId}-{Guid.NewGuid():N}.tmp"), DateTime.UtcNow.AddSeconds(-5));
        var orphanSong = Leftover(Path.Combine(data, "audio", $"{Guid.NewGuid():N}.wav"), twoHoursAgo);
        var partialUpload = Leftover(Path.Combine(data, "references", $"{Guid.NewGuid():N}.part"), twoHoursAgo);
        var checkDownload = Leftover(Path.Combine(Path.GetTempPath(), $"minimaxmusic-reference-{Guid.NewGuid():N}.tmp"), twoHoursAgo);
        var stranger = Leftover(Path.Combine(data, "audio", "notes.txt"), twoHoursAgo);
        string[] swept = [partialSong, freshPartialSong, orphanSong, partialUpload, checkDownload, freshCheckDownload];

        await using var app = new TestApp(TestApp.FastPolling(), data);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (swept.Any(File.Exists))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }

        Assert.True(File.Exists(stranger), "a file the app never makes is left alone");
        Assert.True(File.Exists(livePeersDownload), "a running process's check download is left alone");
        File.Delete(livePeersDownload);
    }

    private static string Leftover(string path, DateTime lastWriteUtc)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, lastWriteUtc);
        return path;
    }
}
