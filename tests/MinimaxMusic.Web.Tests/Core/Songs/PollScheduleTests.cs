using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Tests.Core.Songs;

/// <summary>The schedule is pure: fixed times in, times out; no clock, no sleeping.</summary>
public sealed class PollScheduleTests
{
    private static readonly DateTime Submitted = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    // Defaults spelled out so a changed default does not silently change what these tests mean.
    private static PollingOptions Defaults() => new()
    {
        InitialDelay = TimeSpan.FromSeconds(30),
        Interval = TimeSpan.FromSeconds(10),
        ExpectedDuration = TimeSpan.FromSeconds(60),
        MaxInterval = TimeSpan.FromSeconds(60),
        Timeout = TimeSpan.FromMinutes(15),
    };

    private static DateTime At(double seconds) => Submitted.AddSeconds(seconds);

    [Fact]
    public void FirstPoll_IsTheInitialDelayAfterSubmit()
    {
        Assert.Equal(At(30), PollSchedule.FirstPoll(Defaults(), Submitted));
    }

    [Theory]
    [InlineData(30, 40)]
    [InlineData(40, 50)]
    [InlineData(50, 60)]
    [InlineData(60, 70)]
    // Just past the expected time the gap (half the overdue time) is still below Interval.
    [InlineData(70, 80)]
    [InlineData(80, 90)]
    public void WhileWithinTheExpectedTime_ChecksEveryInterval(double polledAt, double expectedNext)
    {
        Assert.Equal(At(expectedNext), PollSchedule.Next(Defaults(), GenerationStatus.Generating, Submitted, At(polledAt)));
    }

    [Theory]
    [InlineData(GenerationStatus.Queued)]
    [InlineData(GenerationStatus.Generating)]
    public void QueuedAndGenerating_FollowTheSameSchedule(GenerationStatus status)
    {
        Assert.Equal(At(40), PollSchedule.Next(Defaults(), status, Submitted, At(30)));
    }

    [Fact]
    public void PastTheExpectedTime_GapsGrowByHalfEachCheck_UntilCappedAtMaxInterval()
    {
        var options = Defaults();
        var polledAt = At(90);
        var gaps = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            var next = PollSchedule.Next(options, GenerationStatus.Generating, Submitted, polledAt)!.Value;
            gaps.Add((next - polledAt).TotalSeconds);
            polledAt = next;
        }

        Assert.Equal([15, 22.5, 33.75, 50.625, 60, 60, 60, 60], gaps);
    }

    [Fact]
    public void BackOff_StartsFromTheConfiguredExpectedDuration()
    {
        var options = Defaults();
        options.ExpectedDuration = TimeSpan.FromMinutes(5);

        Assert.Equal(At(130), PollSchedule.Next(options, GenerationStatus.Generating, Submitted, At(120)));
        Assert.Equal(At(330 + 15), PollSchedule.Next(options, GenerationStatus.Generating, Submitted, At(330)));
    }

    [Fact]
    public void AMaxIntervalBelowTheInterval_NeverMakesChecksMoreFrequent()
    {
        var options = Defaults();
        options.MaxInterval = TimeSpan.FromSeconds(5);

        Assert.Equal(At(410), PollSchedule.Next(options, GenerationStatus.Generating, Submitted, At(400)));
    }

    [Fact]
    public void TheLastRegularCheck_LandsExactlyOnTheTimeout()
    {
        var options = Defaults();

        Assert.Equal(At(900), PollSchedule.Next(options, GenerationStatus.Generating, Submitted, At(880)));
        Assert.False(PollSchedule.HasTimedOut(options, Submitted, At(899.999)));
        Assert.True(PollSchedule.HasTimedOut(options, Submitted, At(900)));
    }

    [Fact]
    public void TimeoutMessage_SaysHowLongItWaitedAndThatItWillLookAgain()
    {
        Assert.Equal(
            "No result from the AIML service after 15 minutes; it will be checked a few more times in case it finishes late.",
            PollSchedule.TimeoutMessage(Defaults()));
    }

    [Theory]
    // Timed out at 900 s: late checks at +15 min, +1 h and +6 h from that moment, then never again.
    [InlineData(900.2, 900 + 15 * 60)]
    [InlineData(900 + 15 * 60 + 0.5, 900 + 60 * 60)]
    [InlineData(900 + 60 * 60 + 3, 900 + 6 * 60 * 60)]
    // An app that was down past a late check skips it instead of catching up.
    [InlineData(900 + 2 * 60 * 60, 900 + 6 * 60 * 60)]
    public void ATimedOutSong_IsCheckedRarelyAFewMoreTimes(double polledAt, double expectedNext)
    {
        Assert.Equal(At(expectedNext), PollSchedule.Next(Defaults(), GenerationStatus.TimedOut, Submitted, At(polledAt)));
    }

    [Fact]
    public void ATimedOutSong_AfterItsLastLateCheck_IsNotCheckedAgain()
    {
        Assert.Null(PollSchedule.Next(Defaults(), GenerationStatus.TimedOut, Submitted, At(900 + 6 * 60 * 60 + 1)));
    }

    [Theory]
    [InlineData(GenerationStatus.Completed)]
    [InlineData(GenerationStatus.Failed)]
    [InlineData(GenerationStatus.Submitting)]
    public void OtherStatuses_HaveNoNextCheck(GenerationStatus status)
    {
        Assert.Null(PollSchedule.Next(Defaults(), status, Submitted, At(100)));
    }

    [Fact]
    public void ASongOfUsualLength_CostsAboutFourChecksAtDefaultSettings()
    {
        // Songs take ~50-60 s: checks at 30, 40, 50 and 60 s find a 58 s song done at the fourth.
        var options = Defaults();
        var checks = new List<DateTime> { PollSchedule.FirstPoll(options, Submitted) };
        while (checks[^1] < At(58))
        {
            checks.Add(PollSchedule.Next(options, GenerationStatus.Generating, Submitted, checks[^1])!.Value);
        }

        Assert.Equal([At(30), At(40), At(50), At(60)], checks);
    }
}
