using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MinimaxMusic.Web.Security;

internal static class GuardedHttpServiceCollectionExtensions
{
    /// <summary>
    /// The one HttpClient for URLs that users supply (DESIGN.md section 7): <see cref="GuardedHttp"/> and the
    /// named client <see cref="GuardedHttp.ClientName"/>. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddGuardedHttp(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(GuardedHttp)))
        {
            return services;
        }

        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrustedOrigins>();
        services.TryAddSingleton<OutboundGuard>();
        services.AddSingleton<GuardedHttp>();
        services.AddHttpClient(GuardedHttp.ClientName, client =>
            {
                // GuardedHttp applies its own time cap through TimeProvider, per download.
                client.Timeout = Timeout.InfiniteTimeSpan;
                // HTTP/3 runs over QUIC, which bypasses ConnectCallback: never let Alt-Svc upgrade to it.
                client.DefaultRequestVersion = HttpVersion.Version11;
                client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
            })
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                // A proxy would make ConnectCallback see the proxy, not the target: connect directly.
                UseProxy = false,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = TimeSpan.FromSeconds(15),
                ConnectCallback = provider.GetRequiredService<OutboundGuard>().ConnectAsync,
            })
            .AddHttpMessageHandler(provider => new GuardedRedirectHandler(provider.GetRequiredService<OutboundGuard>()));
        return services;
    }
}
