using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Hosting;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Features.Demo;

/// <summary>What the UI needs to know about demo mode (nothing about the key itself).</summary>
internal sealed class DemoMode(IOptions<AimlApiOptions> options, IOptions<AppOptions> app, IServiceProvider services)
{
    public bool IsActive => options.Value.IsDemoMode;

    /// <summary>A ready-made reference track served by the in-process simulator, once it has started.</summary>
    public Uri? SampleReference { get; internal set; }

    /// <summary>
    /// In demo mode, the address this app listens at, standing in for App:PublicBaseUrl: the simulated vendor runs in
    /// this process, so uploads, our own songs as references and covers of them can all be tried without setting up a
    /// public address. Null outside demo mode, or before the server listens.
    /// </summary>
    public Uri? OwnAddress
    {
        get
        {
            if (!IsActive || services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses is not { } addresses)
            {
                return null;
            }

            var first = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
            if (first is null || !Uri.TryCreate(first.Replace("://+", "://localhost", StringComparison.Ordinal)
                    .Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var listening))
            {
                return null;
            }

            var host = listening.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : listening.Host;
            var pathBase = app.Value.NormalizedPathBase.Value ?? "";
            return new UriBuilder(listening.Scheme, host, listening.Port, pathBase.TrimEnd('/') + "/").Uri;
        }
    }
}
