using System.Text.Json;
using MinimaxMusic.Web.Features.Create;

namespace MinimaxMusic.Web.Tests.Create;

public sealed class LyricsDraftTests
{
    [Fact]
    public void ADraftStoredBeforeThereWasAChoiceOfModel_StillLoads_WithDefaultsForTheRest()
    {
        var draft = JsonSerializer.Deserialize<LyricsDraft>("""{"Lyrics":"Hello","ReferenceUrl":"https://cdn.example.com/a.mp3"}""");

        Assert.Equal(new LyricsDraft("Hello", "https://cdn.example.com/a.mp3"), draft);
        Assert.Null(draft!.Model);
        Assert.False(draft.IsEmpty);
    }

    [Fact]
    public void ADraft_KeepsTheModelAndEveryChoiceThroughStorage()
    {
        var draft = new LyricsDraft("[Verse]\nHi", "", ModelCatalog.Music26, "Lo-fi pop", Instrumental: true, WriteLyrics: false,
            new AudioChoice("wav", 44100, null));

        var stored = JsonSerializer.Serialize(draft, JsonSerializerOptions.Web);

        Assert.Equal(draft, JsonSerializer.Deserialize<LyricsDraft>(stored, JsonSerializerOptions.Web));
    }

    [Fact]
    public void From_ASongsRequest_TakesEverySetting()
    {
        var request = new SongRequest(ModelCatalog.Cover, "Jazz trio", "New words", "https://example.com/r.flac", Audio: new AudioChoice(Bitrate: 64000));

        Assert.Equal(
            new LyricsDraft("New words", "https://example.com/r.flac", ModelCatalog.Cover, "Jazz trio", false, false, new AudioChoice(Bitrate: 64000)),
            LyricsDraft.From(request));
    }
}
