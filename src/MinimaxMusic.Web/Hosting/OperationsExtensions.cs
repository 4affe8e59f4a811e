using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace MinimaxMusic.Web.Hosting;

/// <summary>What an operator runs the app with: health endpoints and, when switched on, Prometheus metrics.</summary>
internal static class OperationsExtensions
{
    private const string MetricsEnabledKey = "Metrics:Enabled";

    /// <summary>Health checks and, with Metrics:Enabled, the Prometheus exporter. Safe to call more than once.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        // Health checks and meters are added again by every call: the whole feature is added once.
        if (services.Has<HealthCheckService>())
        {
            return services;
        }

        services.AddHealth();
        if (configuration.GetValue<bool>(MetricsEnabledKey))
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(GenerationMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                    "System.Net.Http", "System.Runtime")
                .AddPrometheusExporter());
        }

        return services;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealth();
        if (app.Configuration.GetValue<bool>(MetricsEnabledKey))
        {
            app.MapPrometheusScrapingEndpoint(MachinePaths.Metrics).AllowAnonymous();
        }

        return app;
    }

    /// <summary>Checks every validated option now, so a wrong value stops the app before anything starts.</summary>
    public static WebApplication ValidateConfiguration(this WebApplication app)
    {
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        return app;
    }
}
