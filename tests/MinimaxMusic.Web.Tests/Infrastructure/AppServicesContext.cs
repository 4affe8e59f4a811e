using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Create;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.History;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Features.Spending;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Hosting;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>
/// bUnit with the app's real services over a real SQLite file in a temp folder. The vendor is the one edge left out:
/// pages under test must not call it, so any call fails the test.
/// </summary>
public abstract class AppServicesContext : MudBunitContext
{
    protected AppServicesContext()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Security:AllowPrivateNetworkUrls"] = "true",
                ["Storage:DataDirectory"] = DataDirectory,
            })
            .Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        Services.AddOptions<AimlApiOptions>();
        Services.AddOptions<PollingOptions>();
        Services.AddOptions<ArchiveOptions>();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<GenerationNotifier>();
        Services.AddSingleton<PollerSignal>();
        Services.AddSingleton<SubmitsInFlight>();
        Services.AddSingleton<DemoMode>();
        Services.AddDataProtection();
        Services.AddScoped<ProtectedLocalStorage>();
        Services.AddScoped<LyricsDraftStore>();
        Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        Services.AddHttpClient();
        Services.AddMetrics();
        Services.AddSingleton<GenerationMetrics>();
        Services.AddSingleton<AudioArchiver>();
        Services.AddReferences();
        Services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(DataDirectory, "test.db")};Pooling=False"));
        Services.AddSingleton<IAimlApi>(new UnreachableUpstream());
        Services.AddMemoryCache();
        Services.AddScoped<BillingService>();
        Services.AddScoped<GenerationService>();
        Services.AddScoped<HistoryService>();
        Services.AddHttpContextAccessor();
        Services.AddScoped<CurrentUser>();
        // Nobody signed in unless a test says otherwise (bUnit's authorization double).
        Authorization = AddAuthorization();
        Services.AddOptions<QuotaOptions>();
        Services.AddSingleton<QuotaGate>();
        Services.AddScoped<QuotaService>();
        Services.AddOptions<AppOptions>();
        Services.AddSingleton<PublicAddress>();
        Services.AddScoped<MinimaxMusic.Web.Components.Clipboard>();
        Services.AddScoped<ShareService>();
        // bUnit refuses registrations once a service has been read (the migration below reads the database).
        ConfigureServices(Services);

        using var db = Database.CreateDbContext();
        db.Database.Migrate();
    }

    /// <summary>
    /// Registrations a test class changes (a vendor double, a quota); the last registration wins. Runs inside the
    /// constructor: the derived class's field initializers have run, its constructor has not.
    /// </summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>bUnit's authorization double: nobody signed in until a test sets someone.</summary>
    protected Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

    protected string DataDirectory { get; } = Directory.CreateTempSubdirectory("minimaxmusic-bunit-").FullName;

    internal IDbContextFactory<AppDbContext> Database => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }

    private sealed class UnreachableUpstream : IAimlApi
    {
        public Task<SubmitGenerationResponse> SubmitAsync(SubmitGenerationRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The page under test must not submit.");

        public Task<GenerationResponse> PollAsync(string generationId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The page under test must not poll.");

        public Task<BillingResponse> GetBillingAsync(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The page under test must not read billing.");
    }
}
