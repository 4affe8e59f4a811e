using System.Net;

namespace MinimaxMusic.Web.Security;

internal enum DownloadFailure
{
    /// <summary>The guard refused the URL, an address or a redirect. Retrying will not help.</summary>
    Refused,

    /// <summary>The server answered with a status other than 2xx.</summary>
    HttpStatus,

    /// <summary>The body is larger than the cap.</summary>
    TooLarge,

    /// <summary>The time cap ran out.</summary>
    TimedOut,

    /// <summary>DNS, connection or TLS failure, or the connection broke mid-body. Worth retrying later.</summary>
    Network,
}

/// <summary>What a guarded download did. On failure, <see cref="Problem"/> says why in words a user understands.</summary>
internal sealed record GuardedDownload
{
    public required Uri FinalUrl { get; init; }

    public HttpStatusCode? StatusCode { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Bytes written to the destination (on failure, possibly a partial body).</summary>
    public long Bytes { get; init; }

    public DownloadFailure? Failure { get; init; }

    public string? Problem { get; init; }

    public bool Succeeded => Failure is null;
}
