using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Audio;

/// <summary>What a crash leaves behind is cleared when the real app starts again on the same data folder.</summary>
public sealed class AudioSweeperTests
{
    [Fact]
    public async Task AtStart_PartialFilesOrphanedSongsAndOldCheckDownloads_AreSwept()
    {
        var data = Directory.CreateTempSubdirectory("minimaxmusic-sweep-").FullName;
        var twoHoursAgo = DateTime.UtcNow.AddHours(-2);
        var partialSong = Leftover(Path.Combine(data, "audio", $"{Guid.NewGuid():N}.{Guid.NewGuid():N}.part"), twoHoursAgo);
        var orphanSong = Leftover(Path.Combine(data, "audio", $"{Guid.NewGuid():N}.wav"), twoHoursAgo);
        var partialUpload = Leftover(Path.Combine(data, "references", $"{Guid.NewGuid():N}.part"), twoHoursAgo);
        var checkDownload = Leftover(Path.Combine(Path.GetTempPath(), $"minimaxmusic-reference-{Guid.NewGuid():N}.tmp"), twoHoursAgo);
        var stranger = Leftover(Path.Combine(data, "audio", "notes.txt"), twoHoursAgo);
        string[] swept = [partialSong, orphanSong, partialUpload, checkDownload];

        await using var app = new TestApp(TestApp.FastPolling(), data);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (swept.Any(File.Exists))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }

        Assert.True(File.Exists(stranger), "a file the app never makes is left alone");
    }

    private static string Leftover(string path, DateTime lastWriteUtc)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, lastWriteUtc);
        return path;
    }
}
