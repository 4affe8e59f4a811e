using MinimaxMusic.Web.Components;
using MinimaxMusic.Web.Features.Api;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.References;

namespace MinimaxMusic.Web.Hosting;

internal static class EndpointExtensions
{
    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapMedia();
        app.MapReferenceFiles();
        app.MapGenerationsApi();
        app.MapOpenApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
