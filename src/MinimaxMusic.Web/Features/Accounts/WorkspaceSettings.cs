using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MinimaxMusic.Web.Features.Accounts;

/// <summary>The workspace's own settings, changed by admins in the app (one row). Times are UTC.</summary>
public sealed class WorkspaceSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Anyone who can reach the server may create a Member account at /register. Off by default: invites only.</summary>
    public bool OpenRegistration { get; set; }

    public DateTime? UpdatedAtUtc { get; set; }

    public string? UpdatedByUserId { get; set; }
}

internal sealed class WorkspaceSettingsConfiguration : IEntityTypeConfiguration<WorkspaceSettings>
{
    public void Configure(EntityTypeBuilder<WorkspaceSettings> builder)
    {
        builder.ToTable("WorkspaceSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new WorkspaceSettings { Id = WorkspaceSettings.SingletonId, OpenRegistration = false });
    }
}
