using System.ComponentModel.DataAnnotations;

namespace MinimaxMusic.Web.Data;

internal sealed class StorageOptions
{
    public const string SectionName = "Storage";

    [Required(ErrorMessage = "Storage:DataDirectory is required (e.g. ./data, or /data in Docker).")]
    public string DataDirectory { get; set; } = "./data";

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public string AudioDirectory => Path.Combine(FullDataDirectory, "audio");

    /// <summary>Reference tracks this app hosts for the AIML service (uploads, copies of our songs).</summary>
    public string ReferencesDirectory => Path.Combine(FullDataDirectory, "references");

    /// <summary>Songs converted for download (MP3, WAV, FLAC with tags): a cache, made again when missing.</summary>
    public string ConvertedDirectory => Path.Combine(FullDataDirectory, "converted");

    public string DefaultConnectionString => $"Data Source={Path.Combine(FullDataDirectory, "minimaxmusic.db")}";
}
