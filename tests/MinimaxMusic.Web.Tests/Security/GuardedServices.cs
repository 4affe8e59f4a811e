using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Security;

namespace MinimaxMusic.Web.Tests.Security;

/// <summary>The app's registrations for the guarded client and the probe, on in-memory configuration.</summary>
internal static class GuardedServices
{
    public static ServiceProvider Build(
        bool allowPrivateNetworkUrls,
        IReadOnlyDictionary<string, string?>? settings = null,
        TimeProvider? time = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Security:AllowPrivateNetworkUrls"] = allowPrivateNetworkUrls ? "true" : "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddReferenceChecks();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
