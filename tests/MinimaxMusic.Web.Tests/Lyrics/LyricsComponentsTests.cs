using Bunit;
using MinimaxMusic.Web.Features.Lyrics;
using MinimaxMusic.Web.Tests.Infrastructure;

namespace MinimaxMusic.Web.Tests.Lyrics;

public sealed class LyricsComponentsTests : MudBunitContext
{
    [Fact]
    public void Preview_DrawsTheExactLinesWithPausesAndAccompanimentMarkers()
    {
        var analysis = LyricsAnalyzer.Analyze("##Hello  \n\nWorld\nagain##");

        var preview = Render<ModelPromptPreview>(p => p.Add(c => c.Analysis, analysis));

        var region = preview.Find("[role=region]");
        Assert.Equal("What the model receives", region.GetAttribute("aria-label"));
        Assert.Contains("model-preview", region.ClassList);
        Assert.Equal("What the model receives", preview.Find("h2").TextContent.Trim());

        var rows = preview.FindAll(".model-preview-line");
        Assert.Equal(
            ["accompaniment-start", "sung", "pause", "sung", "sung", "accompaniment-end"],
            rows.Select(r => r.GetAttribute("data-kind")));
        Assert.Equal(["1", "1", "2", "3", "4", "4"], rows.Select(r => r.GetAttribute("data-line")));
        Assert.Equal(["Hello··", "World", "again"], preview.FindAll(".model-preview-text").Select(t => t.TextContent));
        Assert.Equal("··", preview.Find(".model-preview-visible-space").TextContent);
        Assert.Single(preview.FindAll(".model-preview-pause"));
        Assert.All(preview.FindAll(".model-preview-pause"), chip => Assert.Contains("pause", chip.TextContent, StringComparison.Ordinal));
        var markers = preview.FindAll(".model-preview-accompaniment");
        Assert.Equal(2, markers.Count);
        Assert.Equal(["accompaniment starts", "accompaniment ends"], markers.Select(chip => chip.TextContent.Trim()));
        Assert.Equal("24 / 600 characters", preview.Find(".model-preview-count").TextContent.Trim());
    }

    [Fact]
    public void Preview_UpdatesWhenTheAnalysisChanges()
    {
        var preview = Render<ModelPromptPreview>(p => p.Add(c => c.Analysis, LyricsAnalyzer.Analyze("")));
        Assert.NotNull(preview.Find(".model-preview-empty"));
        Assert.Equal("0 / 600 characters", preview.Find(".model-preview-count").TextContent.Trim());

        preview.Render(p => p.Add(c => c.Analysis, LyricsAnalyzer.Analyze("One\n\n\nTwo\n")));

        Assert.Equal(["sung", "pause", "pause", "sung", "final-new-line"], preview.FindAll(".model-preview-line").Select(r => r.GetAttribute("data-kind")));
        Assert.Equal(["One", "Two"], preview.FindAll(".model-preview-text").Select(t => t.TextContent));
        Assert.Empty(preview.FindAll(".model-preview-accompaniment"));
        Assert.Equal("10 / 600 characters", preview.Find(".model-preview-count").TextContent.Trim());
    }

    [Fact]
    public void Preview_PastTheLimit_ShowsTheCountInTheErrorColour()
    {
        var preview = Render<ModelPromptPreview>(p => p.Add(c => c.Analysis, LyricsAnalyzer.Analyze(new string('a', 601))));

        var count = preview.Find(".model-preview-count");
        Assert.Equal("601 / 600 characters", count.TextContent.Trim());
        Assert.Contains("mud-error-text", count.ClassList);
    }

    [Fact]
    public void DiagnosticsList_ShowsAnErrorWithItsLineNumberFirst()
    {
        var analysis = LyricsAnalyzer.Analyze("Fine line  \nHello ## world");

        var list = Render<LyricsDiagnosticsList>(p => p.Add(c => c.Analysis, analysis));

        var container = list.Find(".lyrics-diagnostics");
        Assert.Equal("polite", container.GetAttribute("aria-live"));
        var items = list.FindAll(".lyrics-diagnostic");
        Assert.Equal(["error", "warning", "info"], items.Select(i => i.GetAttribute("data-severity")));

        var error = items[0];
        Assert.Equal("2", error.GetAttribute("data-line"));
        Assert.Contains("Line 2, column 7", error.TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-alert-text-error", error.ClassList);
        Assert.Contains("mud-dense", error.ClassList);

        Assert.Contains("Line 1", items[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-alert-text-warning", items[1].ClassList);
        Assert.Contains("mud-alert-text-info", items[2].ClassList);
    }

    [Fact]
    public void DiagnosticsList_UpdatesWhenTheErrorIsFixed()
    {
        var list = Render<LyricsDiagnosticsList>(p => p.Add(c => c.Analysis, LyricsAnalyzer.Analyze("Hi\u0007")));
        Assert.Single(list.FindAll(".lyrics-diagnostic[data-severity=error]"));

        list.Render(p => p.Add(c => c.Analysis, LyricsAnalyzer.Analyze("Hi")));

        Assert.Empty(list.FindAll(".lyrics-diagnostic[data-severity=error]"));
        Assert.Single(list.FindAll(".lyrics-diagnostic[data-severity=info]"));
    }

    [Fact]
    public void SectionPreview_ShowsEachSectionsNameAndLines_AndMarksUnknownTags()
    {
        var analysis = SectionLyrics.Analyze("[Verse]\nStreetlights flicker\nShadows stretch\n[Verze]\nAgain\n[Outro]");

        var preview = Render<SectionLyricsPreview>(p => p.Add(c => c.Analysis, analysis).Add(c => c.Max, 3000));

        Assert.Equal("What the model receives", preview.Find("[role=region]").GetAttribute("aria-label"));
        var sections = preview.FindAll(".section-preview-section");
        Assert.Equal(["Verse: 2 lines", "Verze: 1 line", "Outro: 0 lines"], sections.Select(s => s.GetAttribute("aria-label")));
        Assert.Equal(["true", "false", "true"], sections.Select(s => s.GetAttribute("data-known")));
        Assert.Equal(["Streetlights flicker", "Shadows stretch", "Again"], preview.FindAll(".section-preview-text").Select(t => t.TextContent));
        Assert.Equal(["2", "3", "5"], preview.FindAll(".section-preview-line").Select(l => l.GetAttribute("data-line")));
        Assert.Single(preview.FindAll(".section-preview-unknown"));
        Assert.Single(preview.FindAll(".section-preview-no-lines"));
        Assert.Equal($"{analysis.Length} / 3000 characters", preview.Find(".model-preview-count").TextContent.Trim());
    }

    [Fact]
    public void SectionPreview_WhenTheLyricsAreNotSent_SaysSoInsteadOfShowingThem()
    {
        var preview = Render<SectionLyricsPreview>(p => p
            .Add(c => c.Analysis, SectionLyrics.Analyze("[Verse]\nWords"))
            .Add(c => c.Max, 3000)
            .Add(c => c.Note, "An instrumental has no vocals."));

        Assert.Equal("An instrumental has no vocals.", preview.Find(".section-preview-note").TextContent.Trim());
        Assert.Empty(preview.FindAll(".section-preview-section"));
    }

    [Fact]
    public void SectionPreview_PastTheLimit_ShowsTheCountInTheErrorColour()
    {
        var preview = Render<SectionLyricsPreview>(p => p.Add(c => c.Analysis, SectionLyrics.Analyze(new string('a', 3001))).Add(c => c.Max, 3000));

        var count = preview.Find(".model-preview-count");
        Assert.Equal("3001 / 3000 characters", count.TextContent.Trim());
        Assert.Contains("mud-error-text", count.ClassList);
    }

    [Fact]
    public void DiagnosticsList_ShowsTheSectionDialectsFindings()
    {
        var list = Render<LyricsDiagnosticsList>(p => p.Add(c => c.Diagnostics, SectionLyrics.Analyze("[Chorsu]\nLa la").Diagnostics));

        Assert.Equal(["warning", "info"], list.FindAll(".lyrics-diagnostic").Select(i => i.GetAttribute("data-severity")));
        Assert.Contains("did you mean [Chorus]?", list.Find(".lyrics-diagnostic").TextContent, StringComparison.Ordinal);
    }
}
