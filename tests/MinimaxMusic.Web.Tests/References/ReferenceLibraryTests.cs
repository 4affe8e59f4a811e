using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.References;

namespace MinimaxMusic.Web.Tests.References;

/// <summary>Saved references on a real SQLite file with the committed migrations applied.</summary>
public sealed class ReferenceLibraryTests(AudioFixtures audio) : IClassFixture<AudioFixtures>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Save_OfAUsableCheck_KeepsWhatTheCheckFound()
    {
        var time = new FakeTimeProvider(Start);
        await using var harness = await ReferenceLibraryHarness.StartAsync(time: time);

        var result = await harness.Library.SaveAsync("  Warm piano  ", UrlCheck("https://cdn.example.com/piano.mp3"), Token);

        Assert.True(result.Succeeded, result.Problem);
        var saved = Assert.Single(await harness.Library.ListAsync(Token));
        Assert.Equal(result.Reference!.Id, saved.Id);
        Assert.Equal("Warm piano", saved.Name);
        Assert.Equal("https://cdn.example.com/piano.mp3", saved.Url);
        Assert.Equal("MP3", saved.Format);
        Assert.Equal(21.5, saved.DurationSeconds);
        Assert.Equal(345_678, saved.SizeBytes);
        Assert.Equal(SavedReferenceSource.Url, saved.Source);
        Assert.Null(saved.UploadFileName);
        Assert.Null(saved.SongId);
        Assert.Equal(Start.UtcDateTime, saved.CreatedAtUtc);
        Assert.Equal(Start.UtcDateTime, saved.LastCheckedAtUtc);
    }

    [Fact]
    public async Task List_ShowsNewestFirst()
    {
        var time = new FakeTimeProvider(Start);
        await using var harness = await ReferenceLibraryHarness.StartAsync(time: time);
        foreach (var name in (string[])["first", "second", "third"])
        {
            Assert.True((await harness.Library.SaveAsync(name, UrlCheck($"https://cdn.example.com/{name}.mp3"), Token)).Succeeded);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        var names = (await harness.Library.ListAsync(Token)).Select(r => r.Name);

        Assert.Equal(["third", "second", "first"], names);
    }

    [Theory]
    [InlineData("", "give the reference a name")]
    [InlineData("   ", "give the reference a name")]
    [InlineData(null, "give the reference a name")]
    [InlineData("line\nbreak", "the name cannot contain line breaks or other control characters")]
    public async Task Save_WithAnUnusableName_IsRefused(string? name, string problem)
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();

        var result = await harness.Library.SaveAsync(name!, UrlCheck(), Token);

        Assert.False(result.Succeeded);
        Assert.Equal(problem, result.Problem);
        Assert.Empty(await harness.Library.ListAsync(Token));
    }

    [Fact]
    public async Task Save_WithANameOf80Characters_IsAcceptedAnd81IsRefused()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();

        var longest = await harness.Library.SaveAsync(new string('a', 80), UrlCheck(), Token);
        var tooLong = await harness.Library.SaveAsync(new string('b', 81), UrlCheck(), Token);

        Assert.True(longest.Succeeded, longest.Problem);
        Assert.Equal("the name is 81 characters long; at most 80 are allowed", tooLong.Problem);
        Assert.Single(await harness.Library.ListAsync(Token));
    }

    [Theory]
    [InlineData("Warm piano")]
    [InlineData("warm PIANO")]
    [InlineData(" Warm piano ")]
    public async Task Save_WithANameAlreadyTaken_IsRefusedNamingIt(string secondName)
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        await harness.Library.SaveAsync("Warm piano", UrlCheck("https://cdn.example.com/one.mp3"), Token);

        var result = await harness.Library.SaveAsync(secondName, UrlCheck("https://cdn.example.com/two.mp3"), Token);

        Assert.False(result.Succeeded);
        Assert.Equal($"a saved reference called \"{secondName.Trim()}\" already exists", result.Problem);
        Assert.Equal("https://cdn.example.com/one.mp3", Assert.Single(await harness.Library.ListAsync(Token)).Url);
    }

    [Fact]
    public async Task Database_RefusesADuplicateNameEvenIfTheServiceIsBypassed()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        await harness.Library.SaveAsync("Warm piano", UrlCheck(), Token);
        await using var db = await harness.CreateDbContextAsync();
        db.SavedReferences.Add(new SavedReference { Id = Guid.NewGuid(), Name = "WARM PIANO", Url = "https://cdn.example.com/x.mp3" });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Token));
    }

    [Fact]
    public async Task Save_OfAnUnusableCheck_IsRefused()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var tooShort = UrlCheck() with { IsUsable = false, Problem = "the file is 8.0 s long; the model needs more than 15 s" };

        var result = await harness.Library.SaveAsync("Short one", tooShort, Token);

        Assert.False(result.Succeeded);
        Assert.Equal("only a checked, usable reference can be saved", result.Problem);
        Assert.Empty(await harness.Library.ListAsync(Token));
    }

    [Fact]
    public async Task Save_OfAnUpload_RecordsItsHostedFile()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var upload = await harness.UploadAsync(audio.WavOf20Seconds, "voice.wav");

        var result = await harness.Library.SaveAsync("My voice", upload.Check!, Token);

        Assert.True(result.Succeeded, result.Problem);
        var saved = Assert.Single(await harness.Library.ListAsync(Token));
        Assert.Equal(SavedReferenceSource.Upload, saved.Source);
        Assert.Equal(harness.FilesOnDisk().Single(), saved.UploadFileName);
        Assert.Equal(upload.Check!.Url, saved.Url);
        Assert.Equal(20, saved.DurationSeconds);
        Assert.Equal("WAV", saved.Format);
    }

    [Fact]
    public async Task Save_OfAnUploadWhoseFileIsGone_IsRefused()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var upload = await harness.UploadAsync(audio.WavOf20Seconds, "voice.wav");
        File.Delete(Path.Combine(harness.ReferencesFolder, harness.FilesOnDisk().Single()));

        var result = await harness.Library.SaveAsync("My voice", upload.Check!, Token);

        Assert.Equal(ReferenceUploads.MissingFileProblem, result.Problem);
    }

    [Fact]
    public async Task List_AfterThePublicBaseUrlChanges_GivesHostedFilesTheirNewUrl()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var upload = await harness.UploadAsync(audio.WavOf20Seconds, "voice.wav");
        await harness.Library.SaveAsync("My voice", upload.Check!, Token);

        harness.Configuration["App:PublicBaseUrl"] = "https://songs.example.org/team/";
        harness.Configuration.Reload();
        var saved = Assert.Single(await harness.Library.ListAsync(Token));

        Assert.Equal($"https://songs.example.org/team/references/{saved.UploadFileName}", saved.Url);
    }

    [Fact]
    public async Task Rename_ChangesOnlyTheName()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var saved = (await harness.Library.SaveAsync("Warm piano", UrlCheck(), Token)).Reference!;

        var result = await harness.Library.RenameAsync(saved.Id, "  Cold piano ", Token);

        Assert.True(result.Succeeded, result.Problem);
        var after = Assert.Single(await harness.Library.ListAsync(Token));
        Assert.Equal("Cold piano", after.Name);
        Assert.Equal(saved.Url, after.Url);
        Assert.Equal(saved.CreatedAtUtc, after.CreatedAtUtc);
    }

    [Fact]
    public async Task Rename_ToItsOwnNameInAnotherCase_IsAccepted()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var saved = (await harness.Library.SaveAsync("warm piano", UrlCheck(), Token)).Reference!;

        var result = await harness.Library.RenameAsync(saved.Id, "Warm Piano", Token);

        Assert.True(result.Succeeded, result.Problem);
        Assert.Equal("Warm Piano", Assert.Single(await harness.Library.ListAsync(Token)).Name);
    }

    [Fact]
    public async Task Rename_ToAnotherReferencesName_IsRefused()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        await harness.Library.SaveAsync("Warm piano", UrlCheck("https://cdn.example.com/one.mp3"), Token);
        var other = (await harness.Library.SaveAsync("Guitar", UrlCheck("https://cdn.example.com/two.mp3"), Token)).Reference!;

        var result = await harness.Library.RenameAsync(other.Id, "warm piano", Token);

        Assert.Equal("a saved reference called \"warm piano\" already exists", result.Problem);
        Assert.Equal("Guitar", (await harness.Library.GetAsync(other.Id, Token))!.Name);
    }

    [Theory]
    [InlineData("", "give the reference a name")]
    [InlineData("x", "that saved reference no longer exists")]
    public async Task Rename_WithABlankNameOrOfAMissingReference_IsRefused(string name, string problem)
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();

        var result = await harness.Library.RenameAsync(Guid.NewGuid(), name, Token);

        Assert.Equal(problem, result.Problem);
    }

    [Fact]
    public async Task Delete_RemovesTheReference()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var saved = (await harness.Library.SaveAsync("Warm piano", UrlCheck(), Token)).Reference!;

        Assert.True(await harness.Library.DeleteAsync(saved.Id, Token));

        Assert.Empty(await harness.Library.ListAsync(Token));
        Assert.False(await harness.Library.DeleteAsync(saved.Id, Token));
    }

    [Fact]
    public async Task Delete_OfAnUpload_DeletesItsFile()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var upload = await harness.UploadAsync(audio.WavOf20Seconds, "voice.wav");
        var saved = (await harness.Library.SaveAsync("My voice", upload.Check!, Token)).Reference!;
        Assert.Single(harness.FilesOnDisk());

        await harness.Library.DeleteAsync(saved.Id, Token);

        Assert.Empty(harness.FilesOnDisk());
    }

    [Fact]
    public async Task Delete_OfAnUploadAnotherSavedReferenceUses_KeepsTheFileUntilTheLastOneGoes()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var upload = await harness.UploadAsync(audio.WavOf20Seconds, "voice.wav");
        var first = (await harness.Library.SaveAsync("My voice", upload.Check!, Token)).Reference!;
        var second = (await harness.Library.SaveAsync("Same voice", upload.Check!, Token)).Reference!;

        await harness.Library.DeleteAsync(first.Id, Token);
        Assert.Single(harness.FilesOnDisk());

        await harness.Library.DeleteAsync(second.Id, Token);
        Assert.Empty(harness.FilesOnDisk());
    }

    [Fact]
    public async Task Delete_OfAnUploadASongWasGeneratedWith_KeepsTheFile()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var upload = await harness.UploadAsync(audio.WavOf20Seconds, "voice.wav");
        var saved = (await harness.Library.SaveAsync("My voice", upload.Check!, Token)).Reference!;
        await harness.AddGenerationUsingAsync(upload.Check!);

        await harness.Library.DeleteAsync(saved.Id, Token);

        Assert.Empty(await harness.Library.ListAsync(Token));
        Assert.Single(harness.FilesOnDisk());
    }

    [Fact]
    public async Task Recheck_OfAnUpload_ChecksTheLocalFileAndRecordsTheTime()
    {
        var time = new FakeTimeProvider(Start);
        await using var harness = await ReferenceLibraryHarness.StartAsync(time: time);
        var upload = await harness.UploadAsync(audio.WavOf20Seconds, "voice.wav");
        var saved = (await harness.Library.SaveAsync("My voice", upload.Check!, Token)).Reference!;
        time.Advance(TimeSpan.FromHours(1));

        var check = await harness.Library.RecheckAsync(saved.Id, Token);

        Assert.True(check!.IsUsable, check.Problem);
        Assert.Equal(upload.Check!.Url, check.Url);
        Assert.Equal(Start.UtcDateTime.AddHours(1), (await harness.Library.GetAsync(saved.Id, Token))!.LastCheckedAtUtc);
    }

    [Fact]
    public async Task Recheck_OfAnUploadWhoseFileIsGone_SaysSoAndKeepsTheOldCheckTime()
    {
        var time = new FakeTimeProvider(Start);
        await using var harness = await ReferenceLibraryHarness.StartAsync(time: time);
        var upload = await harness.UploadAsync(audio.WavOf20Seconds, "voice.wav");
        var saved = (await harness.Library.SaveAsync("My voice", upload.Check!, Token)).Reference!;
        File.Delete(Path.Combine(harness.ReferencesFolder, saved.UploadFileName!));
        time.Advance(TimeSpan.FromHours(1));

        var check = await harness.Library.RecheckAsync(saved.Id, Token);

        Assert.False(check!.IsUsable);
        Assert.Equal(ReferenceUploads.MissingFileProblem, check.Problem);
        Assert.Equal(Start.UtcDateTime, (await harness.Library.GetAsync(saved.Id, Token))!.LastCheckedAtUtc);
        Assert.Null(await harness.Library.RecheckAsync(Guid.NewGuid(), Token));
    }

    [Fact]
    public async Task SongCandidates_AreCompletedArchivedSongsNewestFirst()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var older = await harness.AddSongAsync(audio.WavOf20Seconds, title: "Older", createdAtUtc: Start.UtcDateTime);
        var newer = await harness.AddSongAsync(audio.WavOf20Seconds, title: "Newer", createdAtUtc: Start.UtcDateTime.AddDays(1));
        await harness.AddSongAsync(audio: null, title: "Not archived");
        await harness.AddSongAsync(audio.WavOf20Seconds, GenerationStatus.Failed, "Failed");
        await harness.AddSongAsync(audio: null, GenerationStatus.Queued, "Queued");

        var candidates = await harness.Library.SongCandidatesAsync(Token);

        Assert.Equal([newer.Id, older.Id], candidates.Select(c => c.SongId));
        Assert.Equal("Newer", candidates[0].Title);
        Assert.Equal(audio.WavOf20Seconds.Length, candidates[0].SizeBytes);
    }

    [Fact]
    public async Task SongCandidates_WithoutAPublicBaseUrl_AreNone()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync(publicBaseUrl: null);
        var song = await harness.AddSongAsync(audio.WavOf20Seconds);

        Assert.Empty(await harness.Library.SongCandidatesAsync(Token));
        var offered = await harness.Library.OfferSongAsync(song.Id, Token);
        Assert.Equal(ReferenceUploads.DisabledExplanation, offered.Problem);
        Assert.Empty(harness.FilesOnDisk());
    }

    [Fact]
    public async Task OfferSong_OfA20SecondSong_HostsACopyUnderAFreshNameThatSavesAsASong()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var song = await harness.AddSongAsync(audio.WavOf20Seconds);

        var check = await harness.Library.OfferSongAsync(song.Id, Token);

        Assert.True(check.IsUsable, check.Problem);
        Assert.Equal(song.Id, check.SongId);
        Assert.Equal(TimeSpan.FromSeconds(20), check.Duration);
        var hosted = harness.Uploads.HostedFileNameOf(check.Url);
        Assert.NotNull(hosted);
        Assert.DoesNotContain(song.Id.ToString("N"), hosted, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([hosted], harness.FilesOnDisk());
        Assert.True(File.Exists(Path.Combine(harness.AudioFolder, song.ArchivedFileName!)), "the archived song must stay");

        var saved = (await harness.Library.SaveAsync("Our morning song", check, Token)).Reference!;
        Assert.Equal(SavedReferenceSource.Song, saved.Source);
        Assert.Equal(song.Id, saved.SongId);
        Assert.Equal(hosted, saved.UploadFileName);
    }

    [Fact]
    public async Task OfferSong_OfAn8SecondSong_IsRefusedAsTooShortAndLeavesNoCopy()
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var song = await harness.AddSongAsync(audio.WavOf8Seconds, title: "Demo song");

        var check = await harness.Library.OfferSongAsync(song.Id, Token);

        Assert.False(check.IsUsable);
        Assert.Equal("the file is 8.0 s long; the model needs more than 15 s", check.Problem);
        Assert.Equal(song.Id, check.SongId);
        Assert.Empty(harness.FilesOnDisk());
        Assert.Equal(ReferenceLibrary.NotUsableProblem, (await harness.Library.SaveAsync("Demo", check, Token)).Problem);
    }

    [Theory]
    [InlineData(GenerationStatus.Failed, true)]
    [InlineData(GenerationStatus.Completed, false)] // completed, but the archive file is missing
    public async Task OfferSong_OfASongWithoutUsableAudio_IsRefused(GenerationStatus status, bool hasArchive)
    {
        await using var harness = await ReferenceLibraryHarness.StartAsync();
        var song = await harness.AddSongAsync(audio.WavOf20Seconds, status);
        if (!hasArchive)
        {
            File.Delete(Path.Combine(harness.AudioFolder, song.ArchivedFileName!));
        }

        var check = await harness.Library.OfferSongAsync(song.Id, Token);

        Assert.False(check.IsUsable);
        Assert.Equal(ReferenceLibrary.SongUnavailableProblem, check.Problem);
        Assert.Equal(ReferenceLibrary.SongUnavailableProblem, (await harness.Library.OfferSongAsync(Guid.NewGuid(), Token)).Problem);
        Assert.Empty(harness.FilesOnDisk());
    }

    private static ReferenceCheck UrlCheck(string url = "https://cdn.example.com/piano.mp3") => new()
    {
        Url = url,
        IsUsable = true,
        Format = "MP3",
        Duration = TimeSpan.FromSeconds(21.5),
        DurationVerified = true,
        SizeBytes = 345_678,
        ContentType = "audio/mpeg",
    };
}
