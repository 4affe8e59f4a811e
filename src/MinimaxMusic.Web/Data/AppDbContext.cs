using Microsoft.EntityFrameworkCore;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.References;

namespace MinimaxMusic.Web.Data;

internal sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<Generation> Generations => Set<Generation>();

    public DbSet<SavedReference> SavedReferences => Set<SavedReference>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
