using MudBlazor;

namespace MinimaxMusic.Web.Features.Generations;

/// <summary>How a song's facts read wherever it is shown (song card, track page), so the pages never disagree.</summary>
internal static class SongDisplay
{
    /// <summary>m:ss, rounded down as the browser's audio controls do, so the page and the player show the same length.</summary>
    public static string Duration(double seconds)
    {
        var duration = TimeSpan.FromSeconds(Math.Floor(Math.Max(0, seconds)));
        return $"{(int)duration.TotalMinutes}:{duration.Seconds:00}";
    }

    public static Color StatusColor(GenerationStatus status) => status switch
    {
        GenerationStatus.Completed => Color.Success,
        GenerationStatus.Failed or GenerationStatus.TimedOut => Color.Error,
        _ => Color.Info,
    };
}
