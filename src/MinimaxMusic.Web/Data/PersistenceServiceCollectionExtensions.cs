using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Hosting;

namespace MinimaxMusic.Web.Data;

internal static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// The SQLite database (a context per operation: Blazor Server circuits live long) and the Data Protection keys, both
    /// under Storage:DataDirectory. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions>(StorageOptions.SectionName);
        if (services.Has<IDbContextFactory<AppDbContext>>())
        {
            return services;
        }

        services.AddDbContextFactory<AppDbContext>((provider, options) =>
        {
            var configured = configuration.GetConnectionString("Default");
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            options.UseSqlite(string.IsNullOrWhiteSpace(configured) ? storage.DefaultConnectionString : configured);
        });

        // Keys that encrypt drafts (and later sign-in cookies) live with the data, so they survive restarts and upgrades.
        var dataDirectory = configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] ?? new StorageOptions().DataDirectory;
        services.AddDataProtection()
            .SetApplicationName("MinimaxMusic.Web")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataDirectory), "keys")));
        return services;
    }
}
