using System.Buffers.Binary;
using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Simulator;

/// <summary>The cover model's reference as the simulator reads it: URL, data URI or base64; 50 MB; 6 s to 6 min.</summary>
public sealed class ReferenceAudioTests
{
    [Fact]
    public void Read_Base64OfExactlyFiftyMegabytes_IsAccepted()
    {
        var audio = ReferenceAudio.Read(Convert.ToBase64String(new byte[ReferenceAudio.MaxBytes]), out var problem);

        Assert.Null(problem);
        Assert.Equal(new ReferenceAudio(ReferenceKind.Base64, ReferenceAudio.MaxBytes, null), audio);
    }

    [Fact]
    public void Read_Base64OfFiftyMegabytesAndOneByte_IsRefused()
    {
        Assert.Null(ReferenceAudio.Read(Convert.ToBase64String(new byte[ReferenceAudio.MaxBytes + 1]), out var problem));
        Assert.Equal("The reference audio must be at most 50 MB (it is 50.0 MB)", problem);
    }

    [Theory]
    [InlineData("https://cdn.example.com/a.mp3", "Url")]
    [InlineData("data:audio/mpeg;base64,SUQz", "DataUri")]
    [InlineData("DATA:Audio/WAV;BASE64,SUQz", "DataUri")]
    [InlineData("SUQz", "Base64")]
    [InlineData("  SUQz\n", "Base64")]
    public void Read_TellsTheKindsApart(string value, string kind)
    {
        Assert.Equal(kind, ReferenceAudio.Read(value, out _)?.Kind.ToString());
    }

    [Fact]
    public void Duration_OfAWavWithAChunkBeforeItsData_SkipsTheChunk()
    {
        var plain = Wav.Silence(7);
        // RIFF/WAVE/fmt (36 bytes), then a 6-byte LIST chunk, then data.
        var withList = new byte[plain.Length + 14];
        plain.AsSpan(0, 36).CopyTo(withList);
        "LIST"u8.CopyTo(withList.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(withList.AsSpan(40), 6);
        plain.AsSpan(36).CopyTo(withList.AsSpan(50));

        Assert.Equal(TimeSpan.FromSeconds(7), AudioHeaders.Duration(plain));
        Assert.Equal(TimeSpan.FromSeconds(7), AudioHeaders.Duration(withList));
    }

    [Fact]
    public void Duration_OfAConstantBitrateMp3_FollowsItsSize_AndAnId3TagIsSkipped()
    {
        var mp3 = Mp3.ConstantBitrate(10);
        byte[] tag = [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 20, .. new byte[20]];

        var seconds = AudioHeaders.Duration(mp3)!.Value.TotalSeconds;

        Assert.Equal(10, seconds, 0.05);
        Assert.Equal(seconds, AudioHeaders.Duration([.. tag, .. mp3])!.Value.TotalSeconds, 1e-9);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 })]
    [InlineData(new byte[] { 0x66, 0x4C, 0x61, 0x43, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF })]
    public void Duration_OfWhatItCannotRead_IsUnknown(byte[] file)
    {
        Assert.Null(AudioHeaders.Duration(file));
    }
}
