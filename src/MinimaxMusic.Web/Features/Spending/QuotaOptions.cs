using System.ComponentModel.DataAnnotations;

namespace MinimaxMusic.Web.Features.Spending;

/// <summary>How many songs each person may make per UTC day. Null or 0 = no limit.</summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Quotas";

    [Range(0, 10000, ErrorMessage = "Quotas:SongsPerUserPerDay must be between 0 and 10000 (0 = no limit).")]
    public int? SongsPerUserPerDay { get; set; }

    /// <summary>The limit in force, or null when there is none.</summary>
    public int? Limit => SongsPerUserPerDay is > 0 and var limit ? limit : null;
}
