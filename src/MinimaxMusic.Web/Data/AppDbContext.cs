using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Features.Sharing;

namespace MinimaxMusic.Web.Data;

internal sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Generation> Generations => Set<Generation>();

    public DbSet<SavedReference> SavedReferences => Set<SavedReference>();

    public DbSet<ShareLink> ShareLinks => Set<ShareLink>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<Invite> Invites => Set<Invite>();

    public DbSet<WorkspaceSettings> WorkspaceSettings => Set<WorkspaceSettings>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
