using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Tests.Core.Songs;

public sealed class WaveformAndScheduleTests
{
    [Fact]
    public void Bucket_TakesTheLoudestValueOfEachEvenSlice()
    {
        var values = Enumerable.Range(0, 1000).Select(i => i / 1000f).ToArray();

        var peaks = Waveform.Bucket(values, 200);

        Assert.Equal(200, peaks.Length);
        // Five values per bucket, rising: the last of each slice is its maximum.
        Assert.Equal(0.004f, peaks[0], 0.0001f);
        Assert.Equal(0.504f, peaks[100], 0.0001f);
        Assert.Equal(0.999f, peaks[199], 0.0001f);
    }

    [Fact]
    public void Bucket_CoversEveryValueOnce_WhenTheCountDoesNotDivideEvenly()
    {
        var values = new float[1001];
        values[1000] = 0.9f;
        values[0] = 0.3f;

        var peaks = Waveform.Bucket(values, 200);

        Assert.Equal(200, peaks.Length);
        Assert.Equal(0.3f, peaks[0]);
        Assert.Equal(0.9f, peaks[^1]);
        Assert.Equal(2, peaks.Count(p => p > 0));
    }

    [Fact]
    public void Bucket_WithFewerValuesThanBuckets_ReturnsOnePeakPerValue()
    {
        Assert.Equal([0.1f, 0.5f], Waveform.Bucket([0.1f, 0.5f], 200));
        Assert.Empty(Waveform.Bucket([], 200));
    }

    [Fact]
    public void AddFinePeaks_FoldsPcmIntoMagnitudesOfFullScale()
    {
        var samples = new short[Waveform.SamplesPerFinePeak + 10];
        samples[3] = -16384;
        samples[Waveform.SamplesPerFinePeak + 5] = short.MaxValue;
        var pcm = new byte[samples.Length * 2];
        Buffer.BlockCopy(samples, 0, pcm, 0, pcm.Length);
        var fine = new List<float>();

        var read = Waveform.AddFinePeaks(pcm, fine);

        Assert.Equal(samples.Length, read);
        Assert.Equal(2, fine.Count);
        Assert.Equal(0.5f, fine[0], 0.001f);
        Assert.Equal(1f, fine[1], 0.001f);
    }

    [Fact]
    public void EncodeThenDecode_KeepsPeaksWithinOneStep()
    {
        float[] peaks = [0f, 0.25f, 0.5f, 1f];

        var stored = Waveform.Encode(peaks);
        var restored = Waveform.Decode(stored);

        Assert.Equal(4, stored.Length);
        Assert.All(peaks.Zip(restored), pair => Assert.Equal(pair.First, pair.Second, 1f / 255));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 30)]
    [InlineData(3, 120)]
    [InlineData(4, 600)]
    [InlineData(5, 3600)]
    [InlineData(9, 3600)]
    public void DelayAfter_BacksOffFromTenSecondsToAnHour(int failedAttempts, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), ArchiveSchedule.DelayAfter(failedAttempts, maxAttempts: 10));
    }

    [Fact]
    public void DelayAfter_GivesUpOnceTheAttemptsAreUsed()
    {
        Assert.Null(ArchiveSchedule.DelayAfter(10, maxAttempts: 10));
        Assert.Null(ArchiveSchedule.DelayAfter(1, maxAttempts: 1));
    }
}
