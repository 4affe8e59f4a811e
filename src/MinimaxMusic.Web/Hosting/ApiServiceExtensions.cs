namespace MinimaxMusic.Web.Hosting;

internal static class ApiServiceExtensions
{
    /// <summary>Problem-details errors and the OpenAPI document (served at <c>/openapi/v1.json</c>).</summary>
    public static WebApplicationBuilder AddRestApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        return builder;
    }
}
