namespace MinimaxMusic.Web.Hosting;

/// <summary>What only the web host runs, so it is added on the builder rather than in a feature.</summary>
internal static class WebHostExtensions
{
    /// <summary>
    /// The Interactive Server renderer (circuits, SignalR, static SSR). It needs the host's environment and lifetime; in
    /// component tests bUnit is the renderer, so the feature methods leave it out.
    /// </summary>
    public static WebApplicationBuilder AddInteractiveServerRendering(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        return builder;
    }
}
