using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Components;
using MinimaxMusic.Web.Features.Api;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.References;

namespace MinimaxMusic.Web.Hosting;

internal static class EndpointExtensions
{
    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        // Behind a proxy that mounts the app under a path (App:PathBase): strip it before routing, so every
        // endpoint sees its own path and every generated link carries the base.
        var pathBase = app.Services.GetRequiredService<IOptions<AppOptions>>().Value.NormalizedPathBase;
        if (pathBase.HasValue)
        {
            app.UsePathBase(pathBase);
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // Explicit, after the path base and the re-executing handlers, so re-executed requests are routed again.
        app.UseRouting();
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
