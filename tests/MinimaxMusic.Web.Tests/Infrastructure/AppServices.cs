using Refit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using MinimaxMusic.Web.Components;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Api;
using MinimaxMusic.Web.Features.Create;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Downloads;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.History;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Features.Spending;
using MinimaxMusic.Web.Hosting;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>
/// The app's services for tests that run without a web host (bUnit, service tests): the same feature methods
/// Program.cs calls, over settings that point at a temp folder. Only the vendor (<see cref="IAimlApi"/>), the clock and
/// paths are ever replaced.
/// </summary>
internal static class AppServices
{
    /// <summary>
    /// What a test host starts from: configuration for <paramref name="dataDirectory"/> (its own SQLite file without
    /// connection pooling, so the folder can be deleted; loopback URLs allowed) plus <paramref name="settings"/>.
    /// </summary>
    public static IConfigurationRoot Configuration(string dataDirectory, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(dataDirectory, "minimaxmusic.db")};Pooling=False",
            ["Security:AllowPrivateNetworkUrls"] = "true",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    /// <summary>Every feature, in Program.cs's order.</summary>
    public static IServiceCollection AddWholeApp(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddPersistence(configuration)
            .AddAccounts()
            .AddApiTokens()
            .AddMembers()
            .AddUpstreamClient()
            .AddDemoMode(configuration)
            .AddReferences()
            .AddGenerations()
            .AddDownloads()
            .AddHistory()
            .AddCreate()
            .AddSpending()
            .AddSharing()
            .AddUserInterface()
            .AddRestApi()
            .AddOperations(configuration);

    /// <summary>
    /// The whole app for a test without a web host of its own (bUnit, a service provider, a slim test server): every
    /// feature, no background work, and a vendor that fails any call. A test that needs the vendor replaces it again.
    /// </summary>
    public static IServiceCollection AddAppWithoutHost(this IServiceCollection services, IConfiguration configuration) =>
        services.AddHostServices(configuration).AddWholeApp(configuration).WithoutBackgroundWork().ReplaceUpstream(new UnreachableUpstream());

    /// <summary>
    /// What WebApplication.CreateBuilder registers before any feature: configuration, the environment, logging and
    /// metrics. (The Interactive Server renderer is the host's own: bUnit plays it.)
    /// </summary>
    public static IServiceCollection AddHostServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(configuration);
        services.TryAddSingleton<IHostEnvironment>(new HostingEnvironment
        {
            EnvironmentName = Environments.Development,
            ApplicationName = "MinimaxMusic.Web",
            ContentRootPath = AppContext.BaseDirectory,
            ContentRootFileProvider = new NullFileProvider(),
        });
        services.AddLogging();
        services.AddMetrics();
        return services;
    }

    /// <summary>
    /// Removes the poller, the archive worker, the upload sweeper and the demo simulator. Without a host nothing starts
    /// them anyway; removed so no test can start one by asking for <see cref="IHostedService"/> by accident, and so the
    /// production methods need no switch that could ship an app without its poller.
    /// </summary>
    public static IServiceCollection WithoutBackgroundWork(this IServiceCollection services) => services.RemoveAll<IHostedService>();

    /// <summary>The vendor double in place of the Refit client.</summary>
    public static IServiceCollection ReplaceUpstream(this IServiceCollection services, IAimlApi upstream)
    {
        services.RemoveAll<IAimlApi>();
        return services.AddSingleton(upstream);
    }

    public static IServiceCollection ReplaceClock(this IServiceCollection services, TimeProvider clock)
    {
        services.RemoveAll<TimeProvider>();
        return services.AddSingleton(clock);
    }

    /// <summary>The vendor for tests that must not reach it: any call fails the test.</summary>
    private sealed class UnreachableUpstream : IAimlApi
    {
        public Task<IApiResponse<SubmitGenerationResponse>> SubmitAsync(
            System.Text.Json.Nodes.JsonObject request, string clientRequestId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The code under test must not submit.");

        public Task<LogsResponse> ListLogsAsync(
            string? period = null, DateTimeOffset? start = null, DateTimeOffset? end = null, IEnumerable<string>? models = null,
            IEnumerable<string>? statuses = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The code under test must not read the request log.");

        public Task<GenerationResponse> PollAsync(string generationId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The code under test must not poll.");

        public Task<BillingResponse> GetBillingAsync(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The code under test must not read billing.");
    }
}
