namespace MinimaxMusic.Web.Tests.Core.Lyrics;

public sealed class SectionLyricsTests
{
    [Fact]
    public void Analyze_ListsEachSectionUnderItsTag_WithItsLines()
    {
        var analysis = SectionLyrics.Analyze("[Verse]\nStreetlights flicker\nShadows stretch\n\n[Chorus]\nPushing the door\n[Outro]");

        Assert.Equal(["Verse", "Chorus", "Outro"], analysis.Sections.Select(s => s.Name));
        Assert.Equal(["[Verse]", "[Chorus]", "[Outro]"], analysis.Sections.Select(s => s.Tag));
        Assert.Equal([1, 5, 7], analysis.Sections.Select(s => s.LineNumber));
        Assert.Equal(["Streetlights flicker", "Shadows stretch"], analysis.Sections[0].Lines.Select(l => l.Text));
        Assert.Equal([2, 3], analysis.Sections[0].Lines.Select(l => l.LineNumber));
        Assert.Empty(analysis.Sections[2].Lines);
        Assert.Equal(3, analysis.LineCount);
        Assert.All(analysis.Sections, s => Assert.True(s.IsKnown));
        Assert.DoesNotContain(analysis.Diagnostics, d => d.Severity != LyricsSeverity.Info);
        Assert.Equal("3 sections (Verse, Chorus, Outro), 3 lines to sing.", Assert.Single(analysis.Diagnostics).Message);
    }

    [Fact]
    public void Analyze_LinesBeforeTheFirstTag_FormASectionOfTheirOwn()
    {
        var analysis = SectionLyrics.Analyze("Hello there\n[Chorus]\nLa la");

        Assert.Null(analysis.Sections[0].Tag);
        Assert.Equal("Before the first tag", analysis.Sections[0].Name);
        Assert.Equal(["Hello there"], analysis.Sections[0].Lines.Select(l => l.Text));
        Assert.Equal("[Chorus]", analysis.Sections[1].Tag);
    }

    [Theory]
    [InlineData("[pre-chorus]", "Pre-Chorus")]
    [InlineData("[Pre Chorus]", "Pre-Chorus")]
    [InlineData("  [Verse 2]  ", "Verse")]
    [InlineData("[CHORUS]", "Chorus")]
    [InlineData("[Hook]", "Hook")]
    [InlineData("[Instrumental]", "Instrumental")]
    [InlineData("[Build up]", "Build-Up")]
    public void Analyze_KnowsTagsWhateverTheirCaseSpacingOrNumber(string line, string canonical)
    {
        var analysis = SectionLyrics.Analyze($"{line}\nWords to sing here");

        var section = Assert.Single(analysis.Sections);
        Assert.True(section.IsKnown);
        Assert.Equal(canonical, SectionLyrics.Known(section.Name));
        Assert.DoesNotContain(analysis.Diagnostics, d => d.Severity == LyricsSeverity.Warning);
    }

    [Fact]
    public void Analyze_AnUnknownTag_WarnsOnItsLineAndSuggestsTheClosestKnownOne()
    {
        var analysis = SectionLyrics.Analyze("[Verse]\nOne line\n[Verze]\nAnother line");

        var warning = Assert.Single(analysis.Diagnostics, d => d.Severity == LyricsSeverity.Warning);
        Assert.Equal("Line 3: [Verze] is not a section tag the models know (did you mean [Verse]?); it may be sung as words.", warning.Message);
        Assert.Equal(3, warning.Line);
        Assert.Equal(1, warning.Column);
        Assert.False(analysis.Sections[1].IsKnown);
    }

    [Fact]
    public void Analyze_AnUnknownTagFarFromAnyKnownOne_WarnsWithoutASuggestion()
    {
        var analysis = SectionLyrics.Analyze("[Spoken word]\nHello");

        var warning = Assert.Single(analysis.Diagnostics, d => d.Severity == LyricsSeverity.Warning);
        Assert.Equal("Line 1: [Spoken word] is not a section tag the models know; it may be sung as words.", warning.Message);
    }

    [Fact]
    public void Analyze_ATagInsideALine_WarnsThatItBelongsOnItsOwnLine()
    {
        // The vendor's own cover example writes it this way.
        var analysis = SectionLyrics.Analyze("[Verse]: Why is this wind so gentle?\nAs if it knows [Chorus]");

        var warnings = analysis.Diagnostics.Where(d => d.Severity == LyricsSeverity.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Equal(
            "Line 1: [Verse] is not on a line of its own; put it on its own line so the model starts a section there instead of singing it.",
            warnings[0].Message);
        Assert.Equal((2, 16), (warnings[1].Line!.Value, warnings[1].Column!.Value));
        Assert.Null(Assert.Single(analysis.Sections).Tag);
    }

    [Fact]
    public void Analyze_TheLegacyAccompanimentMarkers_AreFlaggedForTheNewerModels()
    {
        var analysis = SectionLyrics.Analyze("##Hello\nWorld##");

        var warning = Assert.Single(analysis.Diagnostics, d => d.Severity == LyricsSeverity.Warning);
        Assert.StartsWith("Line 1: ## is the legacy model's accompaniment marker", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_CountsUtf16UnitsOfTheNormalizedText_AsTheVendorDoes()
    {
        // An emoji is two UTF-16 units; a Windows line ending becomes one new line, and the change is reported.
        var analysis = SectionLyrics.Analyze("[Verse]\r\nHi 🎵");

        Assert.Equal("[Verse]\nHi 🎵", analysis.Text);
        Assert.Equal(13, analysis.Length);
        Assert.Contains(analysis.Diagnostics, d => d.Message == "Windows line endings were converted to plain new lines.");
    }

    [Fact]
    public void Analyze_LinesWithoutTags_SuggestAddingThem()
    {
        var analysis = SectionLyrics.Analyze("One\nTwo");

        Assert.Equal(
            "2 lines and no section tags: the model arranges them itself. Put [Verse], [Chorus]… on lines of their own to shape the song.",
            Assert.Single(analysis.Diagnostics).Message);
    }

    [Fact]
    public void Analyze_Nothing_HasNoSectionsAndSaysNothing()
    {
        var analysis = SectionLyrics.Analyze(null);

        Assert.Empty(analysis.Sections);
        Assert.Empty(analysis.Diagnostics);
        Assert.Equal(0, analysis.Length);
    }
}
