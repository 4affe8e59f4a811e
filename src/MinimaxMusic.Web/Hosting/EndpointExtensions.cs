using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Components;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Api;
using MinimaxMusic.Web.Features.Downloads;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Features.Sharing;

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

        // People get a page for a bare 404; machines (the API, audio, health) keep their status codes and problem details.
        app.UseWhen(
            // The Blazor circuit counts as a machine: a refused negotiate must stay 401, not become a re-executed page.
            context => !MachinePaths.IsMachine(context.Request.Path),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Explicit, after the path base and the re-executing handlers, so re-executed requests are routed again.
        app.UseRouting();
        app.UseAccounts();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapEndpoints(this WebApplication app)
    {
        // The sign-in page needs its styles and scripts before anyone is signed in.
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccounts();
        app.MapMedia();
        app.MapDownloads();
        app.MapSharing();
        app.MapReferenceFiles();
        app.MapGenerationsApi();
        app.MapOpenApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
