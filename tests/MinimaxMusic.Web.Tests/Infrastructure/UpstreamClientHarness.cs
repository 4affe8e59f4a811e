using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>The app's own upstream registration (Refit client, key handler, resilience) over a scripted transport.</summary>
internal static class UpstreamClientHarness
{
    public static (IAimlApi Client, ServiceProvider Services) Create(RecordingHandler transport, string apiKey = "sk-test-123")
        => Create(new Uri("https://api.aimlapi.com"), apiKey, transport);

    /// <summary>The same client over real HTTP to <paramref name="baseAddress"/> (a simulator on loopback).</summary>
    public static (IAimlApi Client, ServiceProvider Services) Create(Uri baseAddress, string apiKey, HttpMessageHandler? transport = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AimlApi:BaseUrl"] = baseAddress.ToString(),
            ["AimlApi:ApiKey"] = apiKey,
            ["AimlApi:RetryBaseDelay"] = "00:00:00",
        }).Build();
        var collection = new ServiceCollection().AddHostServices(configuration).AddUpstreamClient();
        if (transport is not null)
        {
            collection.ConfigureAll<HttpClientFactoryOptions>(options =>
                options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = transport));
        }

        var services = collection.BuildServiceProvider();
        return (services.GetRequiredService<IAimlApi>(), services);
    }
}
