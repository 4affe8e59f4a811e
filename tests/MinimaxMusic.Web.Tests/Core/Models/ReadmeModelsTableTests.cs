using System.Globalization;
using MinimaxMusic.Web.Tests.Process;

namespace MinimaxMusic.Web.Tests.Core.Models;

/// <summary>The README's "Models" table is the catalog, row for row: a change to a model's rules that the README does not follow fails here.</summary>
public sealed class ReadmeModelsTableTests
{
    [Fact]
    public void TheReadmesModelsTable_SaysWhatTheCatalogSays()
    {
        var readme = File.ReadAllText(Path.Combine(PublishedAppFixture.RepositoryRoot, "README.md"));

        var missing = ModelCatalog.All.Select(Row).Where(row => !readme.Contains(row, StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "README.md's Models table should have these rows:\n" + string.Join("\n", missing));
    }

    /// <summary>One table row, as the README writes it.</summary>
    internal static string Row(MusicModel model)
    {
        var extras = new List<string>();
        if (model.OffersInstrumental)
        {
            extras.Add("instrumental");
        }

        if (model.OffersLyricsOptimizer)
        {
            extras.Add("lyrics written for you");
        }

        if (model.Audio.Accepted)
        {
            extras.Add(string.Join("/", model.Audio.Formats) + " output");
        }

        return string.Join(" | ",
            $"| `{model.Id}`",
            Text(model.Style),
            Text(model.Lyrics) + (model.Dialect == LyricDialect.Legacy ? ", `##…##` and blank-line pauses" : ", `[Verse]`/`[Chorus]` tags"),
            Reference(model.Reference),
            extras.Count == 0 ? "—" : string.Join(", ", extras),
            model.TypicalMaxDuration is { } length ? $"about {length.TotalMinutes:0} min |" : "— |");
    }

    private static string Text(TextLimit limit) => !limit.Accepted
        ? "—"
        : string.Create(CultureInfo.InvariantCulture, $"{limit.Min}–{limit.Max}{(limit.Required ? "" : " (optional)")}");

    private static string Reference(ReferenceRules rules)
    {
        if (!rules.Accepted)
        {
            return "—";
        }

        var min = string.Create(CultureInfo.InvariantCulture, $"{(rules.MinExclusive ? "over " : "")}{rules.MinDuration.TotalSeconds:0} s");
        var max = rules.MaxDuration is { } limit ? string.Create(CultureInfo.InvariantCulture, $" – {limit.TotalMinutes:0} min") : "";
        return $"{rules.FormatList}, {min}{max}, ≤ {rules.MaxBytes / 1048576} MB{(rules.AcceptsData ? ", URL or our own file inline" : "")}";
    }
}
