using System.ComponentModel.DataAnnotations;

namespace MinimaxMusic.Web.Upstream;

internal sealed class AimlApiOptions
{
    public const string SectionName = "AimlApi";

    [Required(ErrorMessage = "AimlApi:BaseUrl is required (e.g. https://api.aimlapi.com).")]
    [Url(ErrorMessage = "AimlApi:BaseUrl must be an absolute http(s) URL, e.g. https://api.aimlapi.com.")]
    public string BaseUrl { get; set; } = "https://api.aimlapi.com";

    /// <summary>Empty means demo mode: the built-in simulator answers instead of the vendor.</summary>
    public string? ApiKey { get; set; }

    [Required(ErrorMessage = "AimlApi:Model is required (minimax-music).")]
    public string Model { get; set; } = "minimax-music";

    /// <summary>Per-attempt timeout for one upstream request.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "AimlApi:RequestTimeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First retry delay (exponential back-off); a Retry-After header overrides it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "AimlApi:RetryBaseDelay must be between 00:00:00 and 00:01:00.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(0, 10, ErrorMessage = "AimlApi:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 3;

    public bool IsDemoMode => string.IsNullOrWhiteSpace(ApiKey);
}
