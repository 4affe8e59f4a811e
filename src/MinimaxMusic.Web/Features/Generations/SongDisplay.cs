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

    /// <summary>What was asked beyond the words: "instrumental · wav · 32000 Hz · 128 kbit/s"; empty for none.</summary>
    public static string Settings(Generation song)
    {
        ArgumentNullException.ThrowIfNull(song);
        var parts = new List<string>();
        if (song.Instrumental)
        {
            parts.Add("instrumental");
        }

        if (song.WriteLyrics)
        {
            parts.Add("lyrics written for you");
        }

        if (song.OutputFormat is { } format)
        {
            parts.Add(format);
        }

        if (song.SampleRate is { } rate)
        {
            parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rate} Hz"));
        }

        if (song.Bitrate is { } bitrate)
        {
            parts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bitrate / 1000} kbit/s"));
        }

        return string.Join(" · ", parts);
    }
}
