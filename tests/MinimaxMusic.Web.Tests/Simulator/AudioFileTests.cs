using System.Net;
using System.Net.Http.Headers;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>The CDN that serves audio_file.url: a real WAV, Range support, and nothing before completion.</summary>
[Trait("Category", "Integration")]
public sealed class AudioFileTests
{
    [Fact]
    public async Task AudioUrl_OfACompletedSong_ServesAWavOfExactlyFileSizeBytes()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();
        sim.Time.Advance(SimulatorHarness.GenerationTime);
        using var poll = await sim.PollJsonAsync(id);
        var audioFile = poll.RootElement.GetProperty("audio_file");
        var url = audioFile.GetProperty("url").GetString()!;
        var fileSize = audioFile.GetProperty("file_size").GetInt64();

        // A CDN link: no API key is sent.
        using var response = await sim.GetAsync(url, authorization: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(fileSize, response.Content.Headers.ContentLength);
        var wav = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(fileSize, wav.LongLength);
        Wav.AssertHeader(wav);
        Assert.Equal(LyricsSynthesizer.Render(SimulatorHarness.Lyrics), wav);
        Assert.Equal(1, sim.State.AudioRequests);
    }

    [Fact]
    public async Task AudioUrl_WithARangeHeader_Answers206WithThoseBytesAndAContentRange()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();
        var url = await sim.CompleteAndGetAudioUrlAsync(id);
        var full = LyricsSynthesizer.Render(SimulatorHarness.Lyrics);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(0, 99);
        using var response = await sim.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"bytes 0-99/{full.Length}", response.Content.Headers.ContentRange?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(100, bytes.Length);
        Assert.Equal(full[..100], bytes);
    }

    [Fact]
    public async Task AudioUrl_WithAnOpenEndedRange_ServesTheTail()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();
        var url = await sim.CompleteAndGetAudioUrlAsync(id);
        var full = LyricsSynthesizer.Render(SimulatorHarness.Lyrics);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(1000, null);
        using var response = await sim.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes 1000-{full.Length - 1}/{full.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(full[1000..], await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AudioUrl_BeforeTheSongIsCompleted_Answers404()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();
        // The token is only learnt from a completed answer; the clock is then set back (AdjustTime, unlike
        // Advance, may go backwards) to a moment when that same generation was still generating.
        var url = await sim.CompleteAndGetAudioUrlAsync(id);

        sim.Time.AdjustTime(SimulatorHarness.Start + TimeSpan.FromSeconds(5));
        using (var early = await sim.GetAsync(url.ToString(), authorization: null))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        }

        sim.Time.AdjustTime(SimulatorHarness.Start + SimulatorHarness.GenerationTime);
        using var onTime = await sim.GetAsync(url.ToString(), authorization: null);
        Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
    }

    [Fact]
    public async Task AudioUrl_WithAnUnknownToken_Answers404()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var id = await sim.SubmitAcceptedAsync();
        var url = await sim.CompleteAndGetAudioUrlAsync(id);
        var fileName = url.Segments[^1];
        var tampered = (fileName[0] == 'A' ? "B" : "A") + fileName[1..];

        using var unknown = await sim.GetAsync(new Uri(url, tampered).ToString(), authorization: null);
        using var wrongSuffix = await sim.GetAsync(new Uri(url, fileName.Replace("_output.wav", "_output.mp3", StringComparison.Ordinal)).ToString(), authorization: null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongSuffix.StatusCode);
    }
}
