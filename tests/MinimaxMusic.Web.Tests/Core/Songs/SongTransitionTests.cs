using System.Collections;
using System.Reflection;

namespace MinimaxMusic.Web.Tests.Core.Songs;

/// <summary>
/// Every (state, event) pair of the song's state machine: a legal transition changes exactly the listed facts, an
/// illegal one throws <see cref="InvalidSongTransitionException"/> and changes nothing.
/// </summary>
public sealed class SongTransitionTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = T0.AddSeconds(31);
    private static readonly PollingOptions Polling = new();

    public enum State
    {
        Submitting,
        Queued,
        Generating,
        Completed,
        Archived,
        Failed,
        TimedOut,
    }

    public enum Event
    {
        Accept,
        Interrupt,
        LookUpAgain,
        MarkQueued,
        MarkGenerating,
        Complete,
        Fail,
        TimeOut,
        RecordCheck,
        RecordArchived,
        RecordArchiveFailure,
        SettleArchive,
    }

    private static readonly string[] Completion =
    [
        "Status", "AudioUrl", "AudioContentType", "AudioFileSize", "CreditsUsed", "FinishedAtUtc", "NextPollAtUtc", "NextArchiveAtUtc",
    ];

    private static readonly string[] Failure = ["Status", "ErrorName", "ErrorMessage", "FinishedAtUtc", "NextPollAtUtc"];
    private static readonly string[] Check = ["PollCount", "LastPolledAtUtc", "TransientErrorCount", "LastTransientError", "NextPollAtUtc"];

    /// <summary>The legal pairs and what each changes; every pair not listed must be refused.</summary>
    private static readonly Dictionary<(State, Event), (GenerationStatus After, string[] Changes)> Legal = new()
    {
        [(State.Submitting, Event.Accept)] = (GenerationStatus.Queued, ["Status", "UpstreamId", "SubmittedAtUtc", "NextPollAtUtc", "CreditsUsed", "UsdSpent"]),
        [(State.Submitting, Event.Interrupt)] = (GenerationStatus.Submitting, ["TransientErrorCount", "LastTransientError", "NextPollAtUtc"]),
        [(State.Submitting, Event.LookUpAgain)] = (GenerationStatus.Submitting, ["TransientErrorCount", "LastTransientError", "NextPollAtUtc"]),
        [(State.Submitting, Event.Fail)] = (GenerationStatus.Failed, Failure),
        [(State.Queued, Event.MarkQueued)] = (GenerationStatus.Queued, []),
        [(State.Queued, Event.MarkGenerating)] = (GenerationStatus.Generating, ["Status", "GeneratingAtUtc"]),
        [(State.Queued, Event.Complete)] = (GenerationStatus.Completed, [.. Completion, "GeneratingAtUtc"]),
        [(State.Queued, Event.Fail)] = (GenerationStatus.Failed, Failure),
        [(State.Queued, Event.TimeOut)] = (GenerationStatus.TimedOut, Failure),
        [(State.Queued, Event.RecordCheck)] = (GenerationStatus.Queued, Check),
        [(State.Generating, Event.MarkQueued)] = (GenerationStatus.Queued, ["Status"]),
        [(State.Generating, Event.MarkGenerating)] = (GenerationStatus.Generating, []),
        [(State.Generating, Event.Complete)] = (GenerationStatus.Completed, Completion),
        [(State.Generating, Event.Fail)] = (GenerationStatus.Failed, Failure),
        [(State.Generating, Event.TimeOut)] = (GenerationStatus.TimedOut, Failure),
        [(State.Generating, Event.RecordCheck)] = (GenerationStatus.Generating, Check),
        [(State.TimedOut, Event.Complete)] = (GenerationStatus.Completed, [.. Completion, "GeneratingAtUtc", "ErrorName", "ErrorMessage"]),
        [(State.TimedOut, Event.Fail)] = (GenerationStatus.Failed, Failure),
        [(State.TimedOut, Event.RecordCheck)] = (GenerationStatus.TimedOut, Check),
        [(State.Completed, Event.RecordArchived)] = (GenerationStatus.Completed,
            ["ArchivedFileName", "ArchivedSize", "ArchivedSha256", "AudioContentType", "DurationSeconds", "WaveformPeaks", "ArchivedAtUtc",
             "ArchiveAttempts", "NextArchiveAtUtc"]),
        [(State.Completed, Event.RecordArchiveFailure)] = (GenerationStatus.Completed, ["ArchiveAttempts", "LastArchiveError", "NextArchiveAtUtc"]),
        [(State.Completed, Event.SettleArchive)] = (GenerationStatus.Completed, []),
        [(State.Archived, Event.SettleArchive)] = (GenerationStatus.Completed, []),
    };

    public static TheoryData<State, Event> EveryPair()
    {
        var pairs = new TheoryData<State, Event>();
        foreach (var state in Enum.GetValues<State>())
        {
            foreach (var @event in Enum.GetValues<Event>())
            {
                pairs.Add(state, @event);
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void EachEvent_InEachState_ChangesExactlyWhatItShould_OrThrowsAndChangesNothing(State state, Event @event)
    {
        var song = InState(state);
        var before = Snapshot(song);

        if (Legal.TryGetValue((state, @event), out var expected))
        {
            Apply(song, @event);
            Assert.Equal(expected.After, song.Status);
            Assert.Equal(expected.Changes.Order(), Changed(before, Snapshot(song)).Order());
        }
        else
        {
            var refused = Assert.Throws<InvalidSongTransitionException>(() => Apply(song, @event));
            Assert.Equal(@event.ToString(), refused.Transition);
            Assert.Contains(song.Id.ToString(), refused.Message, StringComparison.Ordinal);
            Assert.Empty(Changed(before, Snapshot(song)));
        }
    }

    [Fact]
    public void TheTable_CoversEveryStatus()
    {
        // A new status added to the enum without a row in this table would go untested.
        Assert.Equal(Enum.GetValues<GenerationStatus>().Order(), Enum.GetValues<State>().Select(s => InState(s).Status).Distinct().Order());
    }

    [Theory]
    [InlineData("queued", VendorState.Queued)]
    [InlineData("waiting", VendorState.Queued)]
    [InlineData("generating", VendorState.Generating)]
    [InlineData("completed", VendorState.Completed)]
    [InlineData("error", VendorState.Failed)]
    [InlineData(" Completed ", VendorState.Completed)]
    [InlineData("processing", VendorState.Unknown)]
    [InlineData("", VendorState.Unknown)]
    [InlineData(null, VendorState.Unknown)]
    public void VendorStatusWords_MapToOneState(string? word, VendorState expected) => Assert.Equal(expected, VendorStatus.Map(word));

    [Fact]
    public void ALateCheck_ThatStillSeesTheSongRunning_LeavesItTimedOut()
    {
        var song = InState(State.TimedOut);

        song.RecordCheck(new VendorReport.Answer(VendorState.Generating), Now, Polling);

        Assert.Equal(GenerationStatus.TimedOut, song.Status);
        Assert.Null(song.GeneratingAtUtc);
    }

    [Fact]
    public void ALateCheck_ThatFindsTheSongDone_CompletesItAndClearsTheTimeout()
    {
        var song = InState(State.TimedOut);

        song.RecordCheck(new VendorReport.Answer(VendorState.Completed, new AudioLink("https://cdn.example.com/late.mp3")), Now, Polling);

        Assert.Equal(GenerationStatus.Completed, song.Status);
        Assert.Null(song.ErrorMessage);
        Assert.Equal(Now, song.NextArchiveAtUtc);
    }

    [Fact]
    public void ALateCheck_OfASongTheVendorForgot_StopsChecking()
    {
        var song = InState(State.TimedOut);

        song.RecordCheck(new VendorReport.Unknown(), Now, Polling);

        Assert.Equal(GenerationStatus.TimedOut, song.Status);
        Assert.Null(song.NextPollAtUtc);
    }

    [Fact]
    public void ACheckPastTheTimeout_TimesTheSongOut_AndSchedulesTheFirstLateCheck()
    {
        var song = InState(State.Generating);
        var late = song.SubmittedAtUtc!.Value + Polling.Timeout;

        song.RecordCheck(new VendorReport.Answer(VendorState.Generating), late, Polling);

        Assert.Equal(GenerationStatus.TimedOut, song.Status);
        Assert.Equal("TimedOut", song.ErrorName);
        Assert.Equal(late + PollSchedule.LateChecks[0], song.NextPollAtUtc);
    }

    [Fact]
    public void ACompletionWithoutAudio_IsATransientProblem_NotAFinish()
    {
        var song = InState(State.Generating);

        song.RecordCheck(new VendorReport.Answer(VendorState.Completed), Now, Polling);

        Assert.Equal(GenerationStatus.Generating, song.Status);
        Assert.Equal(1, song.TransientErrorCount);
    }

    [Fact]
    public void AVendorError_FailsTheSong_WithTheVendorsWords()
    {
        var song = InState(State.Queued);

        song.RecordCheck(new VendorReport.Answer(VendorState.Failed, ErrorName: "ModerationFailed", ErrorMessage: "Refused."), Now, Polling);

        Assert.Equal((GenerationStatus.Failed, "ModerationFailed", "Refused."), (song.Status, song.ErrorName, song.ErrorMessage));
        Assert.Null(song.NextPollAtUtc);
    }

    [Fact]
    public void ArchiveFailures_RetryOnTheSchedule_ThenGiveUp()
    {
        var song = InState(State.Completed);

        Assert.Equal(ArchiveSchedule.DelayAfter(1, 2), song.RecordArchiveFailure("CDN down", retry: true, maxAttempts: 2, Now));
        Assert.Null(song.RecordArchiveFailure("CDN down", retry: true, maxAttempts: 2, Now));

        Assert.True(song.ArchiveGivenUp);
    }

    private static Generation InState(State state)
    {
        var song = Generation.Create(Guid.NewGuid(), "Harbour lights\nguide us home", "https://cdn.example.com/reference.mp3",
            "owner-1", "key-1", T0, T0.AddMinutes(1));
        if (state == State.Submitting)
        {
            return song;
        }

        song.Accept("up-1:minimax-music", T0.AddSeconds(1), T0.AddSeconds(51));
        switch (state)
        {
            case State.Generating:
                song.MarkGenerating(T0.AddSeconds(10));
                break;
            case State.Completed or State.Archived:
                song.MarkGenerating(T0.AddSeconds(10));
                song.Complete(new AudioLink("https://cdn.example.com/a.mp3", "audio/mpeg", 1000), 5, T0.AddSeconds(20));
                if (state == State.Archived)
                {
                    song.RecordArchived(new ArchivedAudio("a.mp3", 1000, new string('a', 64), "audio/mpeg", 60, [1, 2]), T0.AddSeconds(25));
                }

                break;
            case State.Failed:
                song.Fail("GenerationError", "It broke.", T0.AddSeconds(20));
                break;
            case State.TimedOut:
                song.TimeOut("No result after 15 minutes.", T0.AddSeconds(20), T0.AddMinutes(30));
                break;
        }

        return song;
    }

    private static void Apply(Generation song, Event @event)
    {
        switch (@event)
        {
            case Event.Accept:
                song.Accept("up-2:minimax-music", Now, Now.AddSeconds(50), new SubmitCharge(7, 0.2m));
                break;
            case Event.Interrupt:
                song.Interrupt("The answer was lost.", Now);
                break;
            case Event.LookUpAgain:
                song.LookUpAgain("The request log could not be read.", Now.AddSeconds(10));
                break;
            case Event.MarkQueued:
                song.MarkQueued();
                break;
            case Event.MarkGenerating:
                song.MarkGenerating(Now);
                break;
            case Event.Complete:
                song.Complete(new AudioLink("https://cdn.example.com/b.wav", "audio/wav", 2000), 9, Now);
                break;
            case Event.Fail:
                song.Fail("Broken", "It broke again.", Now);
                break;
            case Event.TimeOut:
                song.TimeOut("No result.", Now, Now.AddMinutes(15));
                break;
            case Event.RecordCheck:
                song.RecordCheck(new VendorReport.Unreachable("502"), Now, Polling);
                break;
            case Event.RecordArchived:
                song.RecordArchived(new ArchivedAudio("b.wav", 2000, new string('b', 64), "audio/wav", 61, [3, 4]), Now);
                break;
            case Event.RecordArchiveFailure:
                song.RecordArchiveFailure("CDN down", retry: true, maxAttempts: 5, Now);
                break;
            case Event.SettleArchive:
                song.SettleArchive();
                break;
        }
    }

    private static Dictionary<string, object?> Snapshot(Generation song) =>
        typeof(Generation).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => p.Name, p => p.GetValue(song) is byte[] bytes ? bytes.ToArray() : p.GetValue(song));

    private static IEnumerable<string> Changed(Dictionary<string, object?> before, Dictionary<string, object?> after) =>
        before.Keys.Where(name => !StructuralComparisons.StructuralEqualityComparer.Equals(before[name], after[name]))
            // Derived views follow the stored facts; only stored facts count as changes.
            .Except(["IsFinal", "IsArchived", "ArchiveGivenUp"]);
}
