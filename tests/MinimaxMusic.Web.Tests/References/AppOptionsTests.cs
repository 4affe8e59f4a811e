using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Hosting;

namespace MinimaxMusic.Web.Tests.References;

/// <summary>App:PublicBaseUrl (it switches uploads on) and References:MaxUploadBytes, validated at start-up.</summary>
public sealed class AppOptionsTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("https://music.example.com", "https://music.example.com/")]
    [InlineData("https://music.example.com/", "https://music.example.com/")]
    [InlineData("http://music.example.com:8080/team", "http://music.example.com:8080/team/")]
    [InlineData("  https://music.example.com/team/  ", "https://music.example.com/team/")]
    public void PublicBase_OfAValidSetting_EndsWithASlash(string? setting, string? expected)
    {
        using var services = Services(new() { ["App:PublicBaseUrl"] = setting });

        StartupValidator(services).Validate();

        Assert.Equal(expected, services.GetRequiredService<IOptions<AppOptions>>().Value.PublicBase?.AbsoluteUri);
    }

    [Theory]
    [InlineData("music.example.com")]
    [InlineData("/relative/path")]
    [InlineData("ftp://music.example.com/")]
    [InlineData("file:///srv/music")]
    [InlineData("https://user:secret@music.example.com/")]
    [InlineData("https://music.example.com/?team=1")]
    [InlineData("https://music.example.com/#top")]
    public void Startup_WithAnInvalidPublicBaseUrl_FailsNamingTheKeyAndTheFix(string setting)
    {
        using var services = Services(new() { ["App:PublicBaseUrl"] = setting });

        var error = Assert.Throws<OptionsValidationException>(() => StartupValidator(services).Validate());

        Assert.Contains("App:PublicBaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("App__PublicBaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://music.example.com/", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void Startup_WithAnInvalidMaxUploadBytes_FailsNamingTheKey(string setting)
    {
        using var services = Services(new() { ["References:MaxUploadBytes"] = setting });

        var error = Assert.Throws<OptionsValidationException>(() => StartupValidator(services).Validate());

        Assert.Contains("References:MaxUploadBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxUploadBytes_DefaultsTo50Megabytes()
    {
        using var services = Services([]);

        Assert.Equal(50L * 1024 * 1024, services.GetRequiredService<IOptions<ReferenceOptions>>().Value.MaxUploadBytes);
    }

    [Fact]
    public void AddReferences_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();
        services.AddReferences();
        services.AddReferences();

        Assert.Single(services, d => d.ServiceType == typeof(ReferenceLibrary));
        Assert.Single(services, d => d.ServiceType == typeof(ReferenceUploads));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<AppOptions>));
    }

    private static IStartupValidator StartupValidator(ServiceProvider services) => services.GetRequiredService<IStartupValidator>();

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddAppOptions();
        services.AddReferenceChecks();
        return services.BuildServiceProvider();
    }
}
