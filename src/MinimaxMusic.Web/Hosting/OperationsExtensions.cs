using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.Health;
using OpenTelemetry.Metrics;

namespace MinimaxMusic.Web.Hosting;

/// <summary>What an operator runs the app with: health endpoints and, when switched on, Prometheus metrics.</summary>
internal static class OperationsExtensions
{
    private const string MetricsEnabledKey = "Metrics:Enabled";

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealth();
        if (builder.Configuration.GetValue<bool>(MetricsEnabledKey))
        {
            builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddMeter(GenerationMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                    "System.Net.Http", "System.Runtime")
                .AddPrometheusExporter());
        }

        return builder;
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
