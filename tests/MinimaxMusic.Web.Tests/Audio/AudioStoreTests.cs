using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Tests.References;

namespace MinimaxMusic.Web.Tests.Audio;

/// <summary>The audio store on a real data folder and SQLite file (migrations applied), registered as the app registers it.</summary>
public sealed class AudioStoreTests(AudioFixtures audio) : IClassFixture<AudioFixtures>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWriteThatThrowsMidway_LeavesNoFileUnderTheFinalName_AndTheOldFileWhole()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var store = harness.Store;
        var name = $"{Guid.NewGuid():N}.wav";
        var final = store.PathOf(AudioKind.Song, name)!;
        Directory.CreateDirectory(harness.AudioFolder);
        await File.WriteAllBytesAsync(final, audio.WavOf8Seconds, Token);

        var failure = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await using var staged = store.Stage(AudioKind.Song);
            await staged.WriteAsync<bool>(async (file, ct) =>
            {
                await file.WriteAsync(audio.WavOf20Seconds.AsMemory(0, audio.WavOf20Seconds.Length / 2), ct);
                await file.FlushAsync(ct);
                // Half written: it exists, but only under its partial name.
                Assert.Equal(audio.WavOf20Seconds.Length / 2, new FileInfo(staged.Path).Length);
                Assert.EndsWith(AudioStore.PartialSuffix, staged.Path, StringComparison.Ordinal);
                throw new IOException("the connection dropped");
            }, Token);
            staged.Commit(name);
        });

        Assert.Equal("the connection dropped", failure.Message);
        Assert.Equal(audio.WavOf8Seconds, await File.ReadAllBytesAsync(final, Token));
        Assert.Equal([name], Directory.GetFiles(harness.AudioFolder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Commit_PutsTheWholeFileUnderItsNameInOneStep()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var name = $"{Guid.NewGuid():N}.wav";

        await using (var staged = harness.Store.Stage(AudioKind.Song))
        {
            await staged.WriteAsync(async (file, ct) =>
            {
                await file.WriteAsync(audio.WavOf20Seconds, ct);
                return true;
            }, Token);
            Assert.False(harness.Store.Exists(AudioKind.Song, name));

            staged.Commit(name);
        }

        Assert.Equal(audio.WavOf20Seconds, await File.ReadAllBytesAsync(harness.Store.PathOf(AudioKind.Song, name)!, Token));
        Assert.Empty(Directory.GetFiles(harness.AudioFolder, "*" + AudioStore.PartialSuffix));
    }

    [Theory]
    [InlineData("Song", "../minimaxmusic.db")]
    [InlineData("Song", "song.wav")]
    [InlineData("Song", "0123456789abcdef0123456789abcdef.part")]
    [InlineData("Reference", "AAAAAAAAAAAAAAAAAAAAAA.exe")]
    [InlineData("Reference", "../audio/AAAAAAAAAAAAAAAAAAAAAA.wav")]
    [InlineData("Converted", "0123456789abcdef0123456789abcdef-0123456789abcdef.ogg")]
    [InlineData("Converted", "0123456789abcdef0123456789abcdef.flac")]
    [InlineData("Converted", "../audio/0123456789abcdef0123456789abcdef-0123456789abcdef.wav")]
    public async Task NamesTheStoreNeverMakes_AreNeitherWrittenNorReadNorDeleted(string kindName, string name)
    {
        var kind = Enum.Parse<AudioKind>(kindName);
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var database = Path.Combine(harness.DataDirectory, "minimaxmusic.db");

        await using (var staged = harness.Store.Stage(kind))
        {
            await staged.WriteAsync((file, ct) => Task.FromResult(true), Token);
            Assert.Throws<ArgumentException>(() => staged.Commit(name));
        }

        Assert.Null(harness.Store.PathOf(kind, name));
        Assert.Null(harness.Store.OpenRead(kind, name));
        Assert.Null(harness.Store.Serve(kind, name, "audio/wav"));
        Assert.False(harness.Store.Delete(kind, name));
        Assert.True(File.Exists(database));
        Assert.Empty(Directory.GetFiles(harness.Store.FolderOf(kind)));
    }

    [Fact]
    public async Task Delete_RemovesTheFileOnce()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var song = await harness.AddSongAsync(audio.WavOf8Seconds);

        Assert.True(harness.Store.Delete(AudioKind.Song, song.ArchivedFileName));

        Assert.False(harness.Store.Exists(AudioKind.Song, song.ArchivedFileName));
        Assert.Null(harness.Store.OpenRead(AudioKind.Song, song.ArchivedFileName));
        Assert.False(harness.Store.Delete(AudioKind.Song, song.ArchivedFileName));
    }

    [Fact]
    public async Task DeletingASongsFile_DeletesItsConversions_AndNoOtherSongs()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var song = await harness.AddSongAsync(audio.WavOf8Seconds);
        var other = await harness.AddSongAsync(audio.WavOf8Seconds);
        var mine = new[] { Converted(song.Id, "mp3"), Converted(song.Id, "flac") };
        var theirs = Converted(other.Id, "flac");
        foreach (var name in (string[])[.. mine, theirs])
        {
            await WriteAsync(harness.Store, AudioKind.Converted, name);
        }

        Assert.True(harness.Store.Delete(AudioKind.Song, song.ArchivedFileName));

        Assert.All(mine, name => Assert.False(harness.Store.Exists(AudioKind.Converted, name)));
        Assert.True(harness.Store.Exists(AudioKind.Converted, theirs));
    }

    [Fact]
    public async Task ANewConversion_ReplacesTheSongsOlderOnesOfThatFormat_Only()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var id = Guid.NewGuid();
        var older = Converted(id, "flac");
        var otherFormat = Converted(id, "mp3");
        var otherSong = Converted(Guid.NewGuid(), "flac");
        var current = Converted(id, "flac");
        foreach (var name in (string[])[older, otherFormat, otherSong, current])
        {
            await WriteAsync(harness.Store, AudioKind.Converted, name);
        }

        harness.Store.DeleteOlderConversions(current);

        Assert.False(harness.Store.Exists(AudioKind.Converted, older));
        Assert.All((string[])[current, otherFormat, otherSong], name => Assert.True(harness.Store.Exists(AudioKind.Converted, name)));
    }

    [Fact]
    public async Task InUse_IsDecidedByTheRowsThatNameTheFile()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var song = await harness.AddSongAsync(audio.WavOf20Seconds);
        var upload = (await harness.UploadAsync(audio.WavOf20Seconds, "voice.wav")).Check!;
        var file = upload.HostedFileName!;

        Assert.True(await harness.Store.IsInUseAsync(AudioKind.Song, song.ArchivedFileName!, Token));
        Assert.False(await harness.Store.IsInUseAsync(AudioKind.Song, $"{Guid.NewGuid():N}.wav", Token));
        Assert.False(await harness.Store.IsInUseAsync(AudioKind.Reference, file, Token), "uploaded but neither saved nor sent");

        var saved = (await harness.Library.SaveAsync("My voice", upload, Token)).Reference!;
        Assert.True(await harness.Store.IsInUseAsync(AudioKind.Reference, file, Token), "saved");

        await harness.AddGenerationUsingAsync(upload);
        Assert.True(await harness.Library.DeleteAsync(saved.Id, Token));
        Assert.True(await harness.Store.IsInUseAsync(AudioKind.Reference, file, Token), "a song was made with it");

        Assert.True(await harness.Store.IsInUseAsync(AudioKind.Converted, Converted(song.Id, "flac"), Token), "its song's audio is kept");
        Assert.False(await harness.Store.IsInUseAsync(AudioKind.Converted, Converted(Guid.NewGuid(), "flac"), Token), "no such song");
    }

    [Fact]
    public async Task Sweep_RemovesFilesNoRowNamesAndStalePartialFiles_AndLeavesEverythingElse()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await ReferenceLibraryHarness.StartAsync(time: time);
        var store = harness.Store;
        var song = await harness.AddSongAsync(audio.WavOf8Seconds);
        var orphan = await WriteAsync(store, AudioKind.Song, $"{Guid.NewGuid():N}.wav");
        var freshOrphan = await WriteAsync(store, AudioKind.Song, $"{Guid.NewGuid():N}.mp3");
        var saved = (await harness.UploadAsync(audio.WavOf20Seconds, "saved.wav")).Check!;
        await harness.Library.SaveAsync("Saved", saved, Token);
        var sent = (await harness.UploadAsync(audio.WavOf20Seconds, "sent.wav")).Check!;
        await harness.AddGenerationUsingAsync(sent);
        var abandoned = (await harness.UploadAsync(audio.WavOf20Seconds, "abandoned.wav")).Check!;
        var recent = (await harness.UploadAsync(audio.WavOf20Seconds, "recent.wav")).Check!;
        var conversion = await WriteAsync(store, AudioKind.Converted, Converted(song.Id, "flac"));
        var orphanConversion = await WriteAsync(store, AudioKind.Converted, Converted(Guid.NewGuid(), "mp3"));
        var freshOrphanConversion = await WriteAsync(store, AudioKind.Converted, Converted(Guid.NewGuid(), "wav"));
        foreach (var kind in Enum.GetValues<AudioKind>())
        {
            await WriteAsync(store, kind, $"stale-{kind}{AudioStore.PartialSuffix}");
            await WriteAsync(store, kind, $"fresh-{kind}{AudioStore.PartialSuffix}");
            await WriteAsync(store, kind, "README.txt");
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var kind in Enum.GetValues<AudioKind>())
        {
            foreach (var file in Directory.GetFiles(store.FolderOf(kind)))
            {
                File.SetLastWriteTimeUtc(file, now.AddDays(-3));
            }
        }

        File.SetLastWriteTimeUtc(store.PathOf(AudioKind.Reference, recent.HostedFileName)!, now.AddHours(-2));
        File.SetLastWriteTimeUtc(freshOrphan, now.AddMinutes(-5));
        File.SetLastWriteTimeUtc(freshOrphanConversion, now.AddMinutes(-5));
        foreach (var kind in Enum.GetValues<AudioKind>())
        {
            File.SetLastWriteTimeUtc(Path.Combine(store.FolderOf(kind), $"fresh-{kind}{AudioStore.PartialSuffix}"), now.AddMinutes(-5));
        }

        var swept = await store.SweepAsync(Token);

        Assert.Equal(6, swept);
        Assert.Equal(
            new[] { song.ArchivedFileName!, Path.GetFileName(freshOrphan), $"fresh-Song{AudioStore.PartialSuffix}", "README.txt" }.Order(),
            Directory.GetFiles(harness.AudioFolder).Select(Path.GetFileName).Order());
        Assert.False(File.Exists(orphan));
        Assert.Equal(
            new[] { saved.HostedFileName!, sent.HostedFileName!, recent.HostedFileName!, $"fresh-Reference{AudioStore.PartialSuffix}", "README.txt" }.Order(),
            harness.FilesOnDisk().Order());
        Assert.DoesNotContain(abandoned.HostedFileName, harness.FilesOnDisk());
        Assert.Equal(
            new[] { Path.GetFileName(conversion), Path.GetFileName(freshOrphanConversion), $"fresh-Converted{AudioStore.PartialSuffix}", "README.txt" }.Order(),
            Directory.GetFiles(store.FolderOf(AudioKind.Converted)).Select(Path.GetFileName).Order());
        Assert.False(File.Exists(orphanConversion));
    }

    /// <summary>A conversion's name for the song, with a fresh fingerprint.</summary>
    private static string Converted(Guid songId, string extension) =>
        AudioStore.ConvertedFileName(songId, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)), extension);

    private static async Task<string> WriteAsync(AudioStore store, AudioKind kind, string name)
    {
        Directory.CreateDirectory(store.FolderOf(kind));
        var path = Path.Combine(store.FolderOf(kind), name);
        await File.WriteAllBytesAsync(path, [1, 2, 3], Token);
        return path;
    }
}
