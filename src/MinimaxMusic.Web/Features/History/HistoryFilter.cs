using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Features.History;

/// <summary>What the history list is narrowed to; it lives in the URL so a reload or a shared link shows the same list.</summary>
public sealed record HistoryFilter(string? Search = null, GenerationStatus? Status = null, bool FavouritesOnly = false, bool MineOnly = false)
{
    public static readonly HistoryFilter None = new();

    public bool IsEmpty => string.IsNullOrWhiteSpace(Search) && Status is null && !FavouritesOnly && !MineOnly;

    /// <summary>Reads <c>?status=</c> leniently: an unknown value means "all" rather than an error page.</summary>
    public static GenerationStatus? ParseStatus(string? value) =>
        Enum.TryParse<GenerationStatus>(value, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status : null;
}
