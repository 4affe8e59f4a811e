using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MinimaxMusic.Web.Features.References;

namespace MinimaxMusic.Web.Data;

internal sealed class SavedReferenceConfiguration : IEntityTypeConfiguration<SavedReference>
{
    public void Configure(EntityTypeBuilder<SavedReference> builder)
    {
        builder.HasKey(r => r.Id);
        // NOCASE: "Demo" and "demo" are the same name to a person picking from a list.
        builder.Property(r => r.Name).HasMaxLength(SavedReference.MaxNameLength).UseCollation("NOCASE");
        builder.HasIndex(r => r.Name).IsUnique();
        builder.Property(r => r.Url).HasMaxLength(SavedReference.MaxUrlLength);
        builder.Property(r => r.Format).HasMaxLength(10);
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.UploadFileName).HasMaxLength(100);
        builder.HasIndex(r => r.UploadFileName);
        builder.HasIndex(r => r.CreatedAtUtc);
        builder.Ignore(r => r.Duration);
    }
}
