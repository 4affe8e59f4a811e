using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Hosting;
using Polly;
using Refit;

namespace MinimaxMusic.Web.Upstream;

internal static class UpstreamServiceCollectionExtensions
{
    /// <summary>
    /// The AIML client (<see cref="IAimlApi"/>): Refit over one resilience pipeline, the key added per request and every
    /// attempt counted. Tests replace <see cref="IAimlApi"/> alone. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddUpstreamClient(this IServiceCollection services)
    {
        services.AddValidatedOptions<AimlApiOptions>(AimlApiOptions.SectionName);
        services.TryAddSingleton(provider =>
            new UpstreamEndpoint(new Uri(provider.GetRequiredService<IOptions<AimlApiOptions>>().Value.BaseUrl)));
        services.TryAddTransient<ApiKeyHandler>();
        services.TryAddTransient<UpstreamMetricsHandler>();
        services.TryAddSingleton<GenerationMetrics>();
        if (services.Has<IAimlApi>())
        {
            return services;
        }

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
        var upstreamClient = services.AddRefitGeneratedClient<IAimlApi>(settings)
            .ConfigureHttpClient((provider, client) =>
            {
                client.BaseAddress = provider.GetRequiredService<UpstreamEndpoint>().BaseAddress;
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
        return services;
    }
}
