using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MinimaxMusic.Core.Models;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Data;

internal sealed class GenerationConfiguration : IEntityTypeConfiguration<Generation>
{
    public void Configure(EntityTypeBuilder<Generation> builder)
    {
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Title).HasMaxLength(Generation.MaxStoredTitleLength);
        builder.Property(g => g.Lyrics).HasMaxLength(4000);
        // Songs from before the model choice were all made with the legacy model.
        builder.Property(g => g.Model).HasMaxLength(64).HasDefaultValue(ModelCatalog.Legacy);
        builder.Property(g => g.Style).HasMaxLength(2000);
        builder.Property(g => g.OutputFormat).HasMaxLength(10);
        builder.Property(g => g.Origin).HasConversion<string>().HasMaxLength(24).HasDefaultValue(SongOrigin.New);
        // A song's versions both ways: "covers of this" is a lookup; deleting a parent keeps its children.
        builder.HasOne<Generation>().WithMany().HasForeignKey(g => g.ParentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(g => g.ParentId);
        builder.Ignore(g => g.Request);
        builder.Ignore(g => g.DeliveredFormat);
        builder.Property(g => g.ReferenceAudioUrl).HasMaxLength(2048);
        // The hosted reference a song uses: "is this upload still needed?" is a lookup, not URL matching.
        builder.Property(g => g.ReferenceFileName).HasMaxLength(100);
        builder.HasIndex(g => g.ReferenceFileName);
        builder.Property(g => g.UpstreamId).HasMaxLength(200);
        // Strings survive enum reordering and read well in a SQLite shell.
        builder.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(g => g.IsFinal);
        builder.Ignore(g => g.IsArchived);
        builder.Property(g => g.ArchivedSha256).HasMaxLength(64);
        builder.Property(g => g.LastArchiveError).HasMaxLength(1000);
        builder.Property(g => g.IdempotencyKey).HasMaxLength(200);
        // A key belongs to the person who sent it: another member's same key is another song. Songs made with no
        // person (trusted code) share one space of keys. Two filtered indexes, because a unique index treats NULL
        // owners as all different.
        builder.HasIndex(g => new { g.OwnerId, g.IdempotencyKey }).IsUnique()
            .HasFilter("\"IdempotencyKey\" IS NOT NULL AND \"OwnerId\" IS NOT NULL");
        builder.HasIndex(g => g.IdempotencyKey).IsUnique()
            .HasFilter("\"IdempotencyKey\" IS NOT NULL AND \"OwnerId\" IS NULL");
        // Archive retries: only rows still waiting for a local copy have a value here.
        builder.HasIndex(g => g.NextArchiveAtUtc);
        builder.HasIndex(g => g.CreatedAtUtc);
        builder.HasIndex(g => new { g.IsFavourite, g.CreatedAtUtc });
        // "Mine" in the history; removing a member keeps the team's songs.
        builder.HasOne<AppUser>().WithMany().HasForeignKey(g => g.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(g => new { g.OwnerId, g.CreatedAtUtc });
        // The poller's one query per tick: active rows by due time.
        builder.HasIndex(g => new { g.Status, g.NextPollAtUtc });
    }
}
