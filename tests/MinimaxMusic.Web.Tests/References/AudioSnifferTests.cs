using System.Text;
using MinimaxMusic.Web.Features.References;

namespace MinimaxMusic.Web.Tests.References;

public sealed class AudioSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x49, 0x44, 0x33, 0x04, 0x00 }, "Mp3")]            // "ID3" tag
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90, 0x64 }, "Mp3")]                  // MPEG-1 layer III frame
    [InlineData(new byte[] { 0xFF, 0xF3, 0x84, 0xC4 }, "Mp3")]                  // MPEG-2 layer III frame
    [InlineData(new byte[] { 0xFF, 0xE3, 0x18, 0xC4 }, "Mp3")]                  // MPEG-2.5 layer III frame
    [InlineData(new byte[] { 0xFF, 0xF1, 0x50, 0x80 }, "Aac")]                  // AAC ADTS (layer 00), never MP3
    [InlineData(new byte[] { 0xFF, 0xFB, 0xF0, 0x64 }, "Unknown")]              // bad bitrate index
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "Unknown")]              // JPEG
    [InlineData(new byte[] { 0x4F, 0x67, 0x67, 0x53 }, "Ogg")]                  // "OggS"
    [InlineData(new byte[] { 0x66, 0x4C, 0x61, 0x43 }, "Flac")]                 // "fLaC"
    [InlineData(new byte[] { 0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70 }, "M4a")]   // an ISO box "ftyp"
    [InlineData(new byte[] { }, "Unknown")]
    public void Sniff_RecognisesTheAudioFormatFromItsFirstBytes(byte[] head, string expected) =>
        Assert.Equal(Enum.Parse<SniffedContent>(expected), AudioSniffer.Sniff(head));

    [Fact]
    public void Sniff_RecognisesAWavHeader() =>
        Assert.Equal(SniffedContent.Wav, AudioSniffer.Sniff(AudioFixtures.SineWav(TimeSpan.FromSeconds(1))));

    [Fact]
    public void Sniff_DoesNotTakeAnotherRiffFormatForWav() =>
        Assert.Equal(SniffedContent.Unknown, AudioSniffer.Sniff("RIFF\0\0\0\0AVI LIST"u8));

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Sign in</body></html>")]
    [InlineData("  \n<!doctype HTML>\n<html>")]
    [InlineData("\uFEFF<html lang=\"en\">")]
    [InlineData("<head><title>x</title></head>")]
    [InlineData("<!-- generated --><html>")]
    public void Sniff_RecognisesHtml(string text) =>
        Assert.Equal(SniffedContent.Html, AudioSniffer.Sniff(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("{\"error\":\"not found\"}")]
    [InlineData("Not Found")]
    [InlineData("<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>")]
    public void Sniff_OfOtherText_IsUnknown(string text) =>
        Assert.Equal(SniffedContent.Unknown, AudioSniffer.Sniff(Encoding.UTF8.GetBytes(text)));
}
