using System.ComponentModel.DataAnnotations;
using MinimaxMusic.Core.Models;

namespace MinimaxMusic.Web.Upstream;

internal sealed class AimlApiOptions : IValidatableObject
{
    public const string SectionName = "AimlApi";

    [Required(ErrorMessage = "AimlApi:BaseUrl is required (e.g. https://api.aimlapi.com).")]
    [Url(ErrorMessage = "AimlApi:BaseUrl must be an absolute http(s) URL, e.g. https://api.aimlapi.com.")]
    public string BaseUrl { get; set; } = "https://api.aimlapi.com";

    /// <summary>Empty means demo mode: the built-in simulator answers instead of the vendor.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Per-attempt timeout for one upstream request.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "AimlApi:RequestTimeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First retry delay (exponential back-off); a Retry-After header overrides it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "AimlApi:RetryBaseDelay must be between 00:00:00 and 00:01:00.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(0, 10, ErrorMessage = "AimlApi:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The model ids offered on the Create page and the API; empty means every model in <see cref="ModelCatalog"/>.</summary>
    public string[]? Models { get; set; }

    /// <summary>The model the Create page preselects: the legacy model this app was made for, unless set.</summary>
    public string DefaultModel { get; set; } = ModelCatalog.Legacy;

    public bool IsDemoMode => string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>The models offered, in the catalog's order.</summary>
    public IReadOnlyList<MusicModel> OfferedModels => Models is { Length: > 0 } ids
        ? [.. ModelCatalog.All.Where(m => ids.Contains(m.Id, StringComparer.Ordinal))]
        : ModelCatalog.All;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var known = string.Join(", ", ModelCatalog.All.Select(m => m.Id));
        foreach (var id in Models ?? [])
        {
            if (ModelCatalog.Find(id) is null)
            {
                yield return new ValidationResult($"AimlApi:Models lists '{id}', which is not a model this app knows; use any of {known}.");
            }
        }

        // With no known model offered, the lines above already say what to fix.
        if (OfferedModels.Count > 0 && !OfferedModels.Any(m => m.Id == DefaultModel))
        {
            yield return new ValidationResult(
                $"AimlApi:DefaultModel is '{DefaultModel}', which is not offered; use one of {string.Join(", ", OfferedModels.Select(m => m.Id))}.");
        }
    }
}
