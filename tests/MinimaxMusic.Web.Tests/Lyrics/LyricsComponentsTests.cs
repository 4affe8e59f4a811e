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
}
