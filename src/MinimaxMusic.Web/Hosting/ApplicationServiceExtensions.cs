using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Components;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Create;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.History;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Security;
using MinimaxMusic.Web.Upstream;
using MudBlazor.Services;
using Polly;
using Refit;

namespace MinimaxMusic.Web.Hosting;

internal static class ApplicationServiceExtensions
{
    public static WebApplicationBuilder AddUserInterface(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<LyricsDraftStore>();
        builder.Services.AddSingleton<PublicAddress>();
        builder.Services.AddScoped<Clipboard>();
        return builder;
    }

    public static WebApplicationBuilder AddPersistence(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<StorageOptions>(StorageOptions.SectionName);
        builder.Services.AddDbContextFactory<AppDbContext>((services, options) =>
        {
            var configured = builder.Configuration.GetConnectionString("Default");
            var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            options.UseSqlite(string.IsNullOrWhiteSpace(configured) ? storage.DefaultConnectionString : configured);
        });

        // Keys that encrypt drafts (and later sign-in cookies) live with the data, so they survive restarts and upgrades.
        var dataDirectory = builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] ?? new StorageOptions().DataDirectory;
        builder.Services.AddDataProtection()
            .SetApplicationName("MinimaxMusic.Web")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataDirectory), "keys")));
        return builder;
    }

    public static WebApplicationBuilder AddUpstreamClient(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AimlApiOptions>(AimlApiOptions.SectionName);
        builder.Services.AddSingleton(services =>
            new UpstreamEndpoint(new Uri(services.GetRequiredService<IOptions<AimlApiOptions>>().Value.BaseUrl)));
        builder.Services.AddTransient<ApiKeyHandler>();
        builder.Services.AddTransient<UpstreamMetricsHandler>();
        builder.Services.AddSingleton<GenerationMetrics>();

        var settings = new RefitSettings
        {
            ContentSerializer = new SystemTextJsonContentSerializer(AimlApiJson.Options),
            // Surface transport failures as themselves (HttpRequestException, timeouts) for UpstreamFailure to describe.
            TransportExceptionFactory = (_, exception, _) => exception,
            // Exceptions keep the live request; strip the key so no logger that walks properties can print it.
            ExceptionRedactor = exception =>
            {
                exception.RequestMessage?.Headers.Authorization = null;
            },
        };
        var upstreamClient = builder.Services.AddRefitGeneratedClient<IAimlApi>(settings)
            .ConfigureHttpClient((services, client) =>
            {
                client.BaseAddress = services.GetRequiredService<UpstreamEndpoint>().BaseAddress;
                // The resilience pipeline owns timeouts (per attempt and overall).
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<ApiKeyHandler>();
        upstreamClient.AddResilienceHandler("aiml", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<AimlApiOptions>>().Value;
                pipeline.AddTimeout(options.RequestTimeout * (options.MaxRetries + 2));
                // Polly refuses a retry strategy with zero attempts; AimlApi:MaxRetries=0 means no retry strategy at all.
                if (options.MaxRetries > 0)
                {
                    pipeline.AddRetry(UpstreamRetryPolicy.CreateRetryOptions(options));
                }

                pipeline.AddTimeout(options.RequestTimeout);
            });

        // Inside the pipeline: every attempt, retries included, is counted.
        upstreamClient.AddHttpMessageHandler<UpstreamMetricsHandler>();
        return builder;
    }

    public static WebApplicationBuilder AddDemoMode(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DemoMode>();
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName);
        var apiKey = builder.Configuration[$"{AimlApiOptions.SectionName}:{nameof(AimlApiOptions.ApiKey)}"];
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            builder.Services.AddHostedService<DemoSimulatorHost>();
            // Simulated songs take seconds, not a minute: poll sooner unless the operator chose otherwise.
            builder.Services.PostConfigure<PollingOptions>(polling =>
            {
                if (builder.Configuration[$"{PollingOptions.SectionName}:{nameof(PollingOptions.InitialDelay)}"] is null)
                {
                    polling.InitialDelay = TimeSpan.FromSeconds(3);
                }

                if (builder.Configuration[$"{PollingOptions.SectionName}:{nameof(PollingOptions.Interval)}"] is null)
                {
                    polling.Interval = TimeSpan.FromSeconds(2);
                }
            });
        }

        return builder;
    }

    public static WebApplicationBuilder AddReferences(this WebApplicationBuilder builder)
    {
        builder.Services.AddReferenceChecks();
        builder.Services.AddReferenceLibrary();
        builder.Services.AddHostedService<AudioSweeper>();
        return builder;
    }

    public static WebApplicationBuilder AddGenerations(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddValidatedOptions<PollingOptions>(PollingOptions.SectionName);
        builder.Services.AddSingleton<GenerationNotifier>();
        builder.Services.AddSingleton<PollerSignal>();
        builder.Services.AddSingleton<SubmitsInFlight>();
        builder.Services.AddSingleton<UpstreamBackoff>();
        builder.Services.AddValidatedOptions<ArchiveOptions>(ArchiveOptions.SectionName);
        builder.Services.AddGuardedHttp();
        builder.Services.AddMediaProbe();
        builder.Services.AddAudioStore();
        builder.Services.AddSingleton<AudioArchiver>();
        builder.Services.AddSingleton<SongAudio>();
        builder.Services.AddSingleton<ArchiveQueue>();
        builder.Services.AddHostedService<ArchiveWorker>();
        builder.Services.AddScoped<GenerationService>();
        builder.Services.AddScoped<HistoryService>();
        builder.Services.AddSingleton<SubmitRecovery>();
        builder.Services.AddHostedService<GenerationPoller>();
        return builder;
    }

    private static void AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionName)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(sectionName).ValidateDataAnnotations().ValidateOnStart();

    private static void TryAddSingleton<T>(this IServiceCollection services, T instance) where T : class
    {
        if (!services.Any(d => d.ServiceType == typeof(T)))
        {
            services.AddSingleton(instance);
        }
    }
}
