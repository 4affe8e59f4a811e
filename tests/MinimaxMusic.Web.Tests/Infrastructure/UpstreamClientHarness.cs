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
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["AimlApi:BaseUrl"] = "https://api.aimlapi.com";
        builder.Configuration["AimlApi:ApiKey"] = apiKey;
        builder.Configuration["AimlApi:RetryBaseDelay"] = "00:00:00";
        builder.AddUpstreamClient();
        builder.Services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = transport));
        var services = builder.Services.BuildServiceProvider();
        return (services.GetRequiredService<IAimlApi>(), services);
    }
}
