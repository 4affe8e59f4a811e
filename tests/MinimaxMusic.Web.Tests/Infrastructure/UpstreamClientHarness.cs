using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using MinimaxMusic.Web.Hosting;
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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["AimlApi:BaseUrl"] = baseAddress.ToString();
        builder.Configuration["AimlApi:ApiKey"] = apiKey;
        builder.Configuration["AimlApi:RetryBaseDelay"] = "00:00:00";
        builder.AddUpstreamClient();
        if (transport is not null)
        {
            builder.Services.ConfigureAll<HttpClientFactoryOptions>(options =>
                options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = transport));
        }

        var services = builder.Services.BuildServiceProvider();
        return (services.GetRequiredService<IAimlApi>(), services);
    }
}
