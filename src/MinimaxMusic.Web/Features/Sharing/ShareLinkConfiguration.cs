using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MinimaxMusic.Web.Features.Sharing;

internal sealed class ShareLinkConfiguration : IEntityTypeConfiguration<ShareLink>
{
    public void Configure(EntityTypeBuilder<ShareLink> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Token).HasMaxLength(64);
        builder.HasIndex(s => s.Token).IsUnique();
        // Strings survive enum reordering and read well in a SQLite shell.
        builder.Property(s => s.Visibility).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.CreatedByUserId).HasMaxLength(450);
        // Deleting a song takes its links with it: a link to nothing answers 404 either way.
        builder.HasOne(s => s.Generation).WithMany().HasForeignKey(s => s.GenerationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.GenerationId, s.CreatedAtUtc });
    }
}
