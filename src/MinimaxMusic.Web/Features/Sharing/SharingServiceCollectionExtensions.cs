using MinimaxMusic.Web.Hosting;

namespace MinimaxMusic.Web.Features.Sharing;

internal static class SharingServiceCollectionExtensions
{
    /// <summary>Share links: the service behind the dialog, the list and <c>/s/{token}</c>, and their absolute URLs.</summary>
    public static WebApplicationBuilder AddSharing(this WebApplicationBuilder builder)
    {
        builder.Services.AddAppOptions();
        builder.Services.AddScoped<ShareService>();
        return builder;
    }
}
