using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Features.Accounts;

/// <summary>
/// A single-use, expiring invitation to join the workspace with a role. Only the SHA-256 of its token is stored: the
/// link is shown once, to the admin who made it. Times are UTC.
/// </summary>
public sealed class Invite
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token in the link.</summary>
    public required string TokenHash { get; set; }

    /// <summary><see cref="AccountRoles.Admin"/> or <see cref="AccountRoles.Member"/>.</summary>
    public required string Role { get; set; }

    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? UsedAtUtc { get; set; }
    public string? UsedByUserId { get; set; }
}

/// <summary>Invite tokens: 32 random bytes in base64url; the link is <c>invite/{token}</c>.</summary>
internal static class InviteTokens
{
    public static string Generate() => SecretTokens.New();

    public static string Hash(string token) => SecretTokens.Hash(token);

    public static string PagePath(string token) => $"invite/{token}";
}

internal sealed class InviteConfiguration : IEntityTypeConfiguration<Invite>
{
    public void Configure(EntityTypeBuilder<Invite> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.Role).HasMaxLength(20);
        builder.Property(i => i.CreatedByUserId).HasMaxLength(450);
        builder.Property(i => i.UsedByUserId).HasMaxLength(450);
    }
}
