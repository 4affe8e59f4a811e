using System.ComponentModel.DataAnnotations;

namespace MinimaxMusic.Web.Features.Spending;

/// <summary>How many songs each person may make per UTC day, and how many dollars per UTC month. Null or 0 = no limit.</summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Quotas";

    [Range(0, 10000, ErrorMessage = "Quotas:SongsPerUserPerDay must be between 0 and 10000 (0 = no limit).")]
    public int? SongsPerUserPerDay { get; set; }

    [Range(typeof(decimal), "0", "100000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Quotas:UsdPerUserPerMonth must be between 0 and 100000 US dollars, e.g. 5.00 (0 = no budget).")]
    public decimal? UsdPerUserPerMonth { get; set; }

    /// <summary>The limit in force, or null when there is none.</summary>
    public int? Limit => SongsPerUserPerDay is > 0 and var limit ? limit : null;

    /// <summary>The monthly dollar budget in force, or null when there is none.</summary>
    public decimal? Budget => UsdPerUserPerMonth is > 0 and var budget ? budget : null;
}
