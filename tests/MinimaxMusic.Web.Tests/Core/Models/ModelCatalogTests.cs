using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using MinimaxMusic.Core.Models;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Tests.Core.Models;

/// <summary>The catalog as the vendor documents it, and the settings that choose what is offered.</summary>
public sealed class ModelCatalogTests
{
    [Fact]
    public void TheCatalog_HoldsTheLegacyModelFirst_AndTheFourNewOnes()
    {
        Assert.Equal(
            ["minimax-music", "minimax/music-1.5", "minimax/music-2.0", "minimax/music-2.6", "minimax/music-cover"],
            ModelCatalog.All.Select(m => m.Id));
        Assert.True(ModelCatalog.All[0].IsLegacy);
        Assert.Equal(LyricDialect.Legacy, ModelCatalog.All[0].Dialect);
        Assert.All(ModelCatalog.All.Skip(1), m => Assert.Equal(LyricDialect.SectionTags, m.Dialect));
    }

    [Fact]
    public void OnlyTheCoverModel_NamesItsSampleRateField_sample_rate()
    {
        Assert.Equal("sample_rate", ModelCatalog.Find(ModelCatalog.Cover)!.Audio.SampleRateField);
        Assert.All(ModelCatalog.All.Where(m => m.Audio.Accepted && m.Id != ModelCatalog.Cover),
            m => Assert.Equal("audio_sample_rate", m.Audio.SampleRateField));
    }

    [Fact]
    public void EveryModel_HasATypicalPrice_NoLowerThanTheVendorsOneFigure()
    {
        Assert.All(ModelCatalog.All, m => Assert.True(m.TypicalUsd > 0, $"{m.Id} has no typical price to hold against a budget."));
        // The vendor's only published figure: a music-2.6 submit answered usd_spent 0.195 (contract/models/music-2-6.md).
        Assert.True(ModelCatalog.Find(ModelCatalog.Music26)!.TypicalUsd >= 0.195m);
    }

    [Fact]
    public void ByDefault_EveryModelIsOffered_AndTheLegacyOneIsPreselected()
    {
        var options = Bind([]);

        Assert.Equal(ModelCatalog.All, options.OfferedModels);
        Assert.Equal(ModelCatalog.Legacy, options.DefaultModel);
        Assert.Empty(Validate(options));
    }

    [Fact]
    public void ChosenModels_AreOfferedInTheCatalogsOrder()
    {
        var options = Bind(new() { ["AimlApi:Models:0"] = ModelCatalog.Music26, ["AimlApi:Models:1"] = ModelCatalog.Legacy });

        Assert.Equal([ModelCatalog.Legacy, ModelCatalog.Music26], options.OfferedModels.Select(m => m.Id));
        Assert.Empty(Validate(options));
    }

    [Fact]
    public void AnUnknownModel_IsRefusedAtStart_NamingTheKeyAndTheKnownOnes()
    {
        var options = Bind(new() { ["AimlApi:Models:0"] = "minimax/music-9" });

        // One line for the unknown id; none about the default, which cannot be offered until Models names a real model.
        var error = Assert.Single(Validate(options));
        Assert.StartsWith("AimlApi:Models lists 'minimax/music-9'", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("minimax/music-cover", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ADefaultModelThatIsNotOffered_IsRefusedAtStart()
    {
        var options = Bind(new() { ["AimlApi:Models:0"] = ModelCatalog.Music26, ["AimlApi:DefaultModel"] = ModelCatalog.Legacy });

        var error = Assert.Single(Validate(options));
        Assert.Equal("AimlApi:DefaultModel is 'minimax-music', which is not offered; use one of minimax/music-2.6.", error.ErrorMessage);
    }

    private static AimlApiOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new AimlApiOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(AimlApiOptions.SectionName).Bind(options);
        return options;
    }

    private static List<ValidationResult> Validate(AimlApiOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
