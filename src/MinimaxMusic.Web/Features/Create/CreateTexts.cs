using System.Globalization;

namespace MinimaxMusic.Web.Features.Create;

/// <summary>The Create page's sentences that describe a model's rules, built from the catalog so they cannot drift from it.</summary>
internal static class CreateTexts
{
    /// <summary>The reference field's help for a newer model: "A public MP3, WAV, FLAC… file of 6 s to 6 min, at most 50 MB…".</summary>
    public static string ReferenceHelp(MusicModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rules = model.Reference;
        var length = rules.MaxDuration is { } max
            ? $"of {Span(rules.MinDuration)} to {Span(max)}"
            : $"{(rules.MinExclusive ? "longer than" : "at least")} {Span(rules.MinDuration)}";
        return string.Create(CultureInfo.InvariantCulture,
            $"A public {rules.FormatList} file {length}, at most {rules.MaxBytes / 1048576} MB; {model.Id} keeps its melody. It is checked before anything is sent.");
    }

    /// <summary>"3 sections · songs of up to about 4 min": under the lyrics of a section-tag model.</summary>
    public static string SectionSummary(MusicModel model, SectionLyricsAnalysis sections)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sections);
        var tagged = sections.Sections.Count(s => s.Tag is not null);
        var count = tagged switch
        {
            0 => "no section tags",
            1 => "1 section",
            _ => $"{tagged} sections",
        };
        return model.TypicalMaxDuration is { } max
            ? string.Create(CultureInfo.InvariantCulture, $"{count} · songs of up to about {max.TotalMinutes:0} min")
            : count;
    }

    private static string Span(TimeSpan span) => span.TotalSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.#} min");
}
