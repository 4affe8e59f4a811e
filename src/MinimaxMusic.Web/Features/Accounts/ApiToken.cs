using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Features.Accounts;

/// <summary>
/// A personal token for the REST API. Only its SHA-256 is stored: the token itself is shown once, when it is made.
/// Times are UTC.
/// </summary>
public sealed class ApiToken
{
    public const int MaxNameLength = 60;

    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }

    /// <summary>The token's first characters, so its owner can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public required string Hash { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? LastUsedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
}

/// <summary>The token format: <c>mmw_</c> and 32 random bytes in base64url, so a leaked one is easy to recognise.</summary>
internal static class ApiTokens
{
    public const string Marker = "mmw_";
    public const string Scheme = "ApiToken";
    public const int PrefixLength = 8;

    public static string Generate() => Marker + SecretTokens.New();

    // A plain hash is enough: the token carries 256 random bits, so there is nothing to guess or to stretch.
    public static string Hash(string token) => SecretTokens.Hash(token);

    /// <summary>The token of an <c>Authorization: Bearer mmw_…</c> header, if the request has one.</summary>
    public static bool TryRead(HttpRequest request, out string token)
    {
        const string bearer = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        token = header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? header[bearer.Length..].Trim() : string.Empty;
        return token.StartsWith(Marker, StringComparison.Ordinal);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(ApiToken.MaxNameLength);
        builder.Property(t => t.Prefix).HasMaxLength(ApiTokens.PrefixLength);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.Property(t => t.UserId).HasMaxLength(450);
        // Removing an account removes its tokens: they would only ever be refused.
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.UserId, t.CreatedAtUtc });
    }
}
