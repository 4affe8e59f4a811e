using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Features.Sharing;

/// <summary>Who may open a share link.</summary>
public enum ShareVisibility
{
    /// <summary>A signed-in team member is needed.</summary>
    Team,

    /// <summary>Anyone with the link.</summary>
    Public,
}

/// <summary>A link <c>/s/{token}</c> to one song, with the options its owner chose. Times are UTC.</summary>
public sealed class ShareLink
{
    public Guid Id { get; set; }
    public Guid GenerationId { get; set; }
    public Generation? Generation { get; set; }

    /// <summary>The unguessable part of the URL; see <see cref="ShareTokens"/>.</summary>
    public required string Token { get; set; }
    public ShareVisibility Visibility { get; set; }
    public DateTime? ExpiresAtUtc { get; set; }
    public bool AllowDownload { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The account that made the link; null for links made before accounts existed.</summary>
    public string? CreatedByUserId { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
    public int Visits { get; set; }

    public ShareState StateAt(DateTime nowUtc) =>
        RevokedAtUtc is not null ? ShareState.Revoked
        : ExpiresAtUtc is { } expires && expires <= nowUtc ? ShareState.Expired
        : ShareState.Active;
}

public enum ShareState
{
    Active,
    Revoked,
    Expired,
}
