using MinimaxMusic.Web.Hosting;

namespace MinimaxMusic.Web.Features.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Problem-details errors and the OpenAPI document (served at <c>/openapi/v1.json</c>), with each model's limits
    /// written in from the catalog (<see cref="GenerationsApiSchema"/>). Pair with <see cref="GenerationsApi.MapGenerationsApi"/>.
    /// Relies on AddUpstreamClient (the models offered). Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddRestApi(this IServiceCollection services)
    {
        // A second AddOpenApi would describe the same document twice.
        if (services.Has<Microsoft.AspNetCore.Http.IProblemDetailsService>())
        {
            return services;
        }

        services.AddProblemDetails();
        services.AddOpenApi(options => options.AddSchemaTransformer<GenerationsApiSchema>());
        return services;
    }
}
