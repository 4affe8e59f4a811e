using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MinimaxMusic.Web.Components;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Api;
using MinimaxMusic.Web.Features.Create;
using MinimaxMusic.Web.Features.Demo;
using MinimaxMusic.Web.Features.Downloads;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Features.History;
using MinimaxMusic.Web.Features.References;
using MinimaxMusic.Web.Features.Sharing;
using MinimaxMusic.Web.Features.Spending;
using MinimaxMusic.Web.Hosting;
using MinimaxMusic.Web.Tests.Infrastructure;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Tests.Hosting;

/// <summary>
/// Every feature's registration method, on a bare service collection (no web host): calling one twice registers what
/// calling it once does, and the whole app built from them resolves every dependency.
/// </summary>
public sealed class FeatureRegistrationTests
{
    private static readonly Dictionary<string, Action<IServiceCollection, IConfiguration>> Features = new()
    {
        ["AddPersistence"] = (services, configuration) => services.AddPersistence(configuration),
        ["AddAccounts"] = (services, _) => services.AddAccounts(),
        ["AddApiTokens"] = (services, _) => services.AddApiTokens(),
        ["AddMembers"] = (services, _) => services.AddMembers(),
        ["AddUpstreamClient"] = (services, _) => services.AddUpstreamClient(),
        ["AddDemoMode"] = (services, configuration) => services.AddDemoMode(configuration),
        ["AddReferences"] = (services, _) => services.AddReferences(),
        ["AddGenerations"] = (services, _) => services.AddGenerations(),
        ["AddDownloads"] = (services, _) => services.AddDownloads(),
        ["AddHistory"] = (services, _) => services.AddHistory(),
        ["AddCreate"] = (services, _) => services.AddCreate(),
        ["AddSpending"] = (services, _) => services.AddSpending(),
        ["AddSharing"] = (services, _) => services.AddSharing(),
        ["AddUserInterface"] = (services, _) => services.AddUserInterface(),
        ["AddRestApi"] = (services, _) => services.AddRestApi(),
        ["AddOperations"] = (services, configuration) => services.AddOperations(configuration),
    };

    public static TheoryData<string> FeatureNames() => [.. Features.Keys];

    [Theory]
    [MemberData(nameof(FeatureNames))]
    public void AFeatureAddedTwice_RegistersEachServiceOnce(string feature)
    {
        var once = Registrations(services => Features[feature](services, Configuration));
        var twice = Registrations(services =>
        {
            Features[feature](services, Configuration);
            Features[feature](services, Configuration);
        });

        Assert.NotEmpty(once);
        var extra = Extra(twice, once);
        Assert.True(extra.Count == 0, $"Registered again: {string.Join("; ", extra)}");
        Assert.Equal(once.Count, twice.Count);
    }

    [Theory]
    [MemberData(nameof(FeatureNames))]
    public void AFeatureAddedAgainAfterTheWholeApp_RegistersNothing(string feature)
    {
        var once = Registrations(services => services.AddWholeApp(Configuration));
        var again = Registrations(services => Features[feature](services.AddWholeApp(Configuration), Configuration));

        var extra = Extra(again, once);
        Assert.True(extra.Count == 0, $"Registered again: {string.Join("; ", extra)}");
    }

    [Fact]
    public void TheWholeAppAddedTwice_RegistersEachServiceOnce()
    {
        var once = Registrations(services => services.AddWholeApp(Configuration));
        var twice = Registrations(services => services.AddWholeApp(Configuration).AddWholeApp(Configuration));

        var extra = Extra(twice, once);
        Assert.True(extra.Count == 0, $"Registered again: {string.Join("; ", extra)}");
        Assert.Equal(once.Count, twice.Count);
    }

    [Fact]
    public void TheWholeApp_WithoutAWebHost_ResolvesTheServicesThatActForAPerson()
    {
        using var provider = new ServiceCollection().AddAppWithoutHost(Configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var scope = provider.CreateScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<GenerationService>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<HistoryService>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<ShareService>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<MemberService>());
        Assert.Empty(provider.GetServices<IHostedService>());
    }

    [Fact]
    public async Task BackgroundWork_HoldsNothingScoped_SoItCanNeverActForAPerson()
    {
        var services = new ServiceCollection().AddHostServices(Configuration).AddWholeApp(Configuration);
        Assert.Equal(ServiceLifetime.Scoped, Assert.Single(services, d => d.ServiceType == typeof(CurrentUser)).Lifetime);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        // Scope validation throws when a singleton (every hosted service) needs a scoped service such as CurrentUser.
        var background = provider.GetServices<IHostedService>().Select(s => s.GetType()).ToList();

        Assert.Contains(typeof(GenerationPoller), background);
        Assert.Contains(typeof(ArchiveWorker), background);
        Assert.Contains(typeof(MinimaxMusic.Web.Audio.AudioSweeper), background);
        Assert.Contains(typeof(DemoSimulatorHost), background);
    }

    [Fact]
    public void ServicesACircuitHolds_TakeNoDatabaseContext_SoEachOperationOpensItsOwn()
    {
        // Login and setup are static forms (a scope per request), so AccountService may keep Identity's managers.
        var perRequestOnly = new[] { typeof(AccountService) };
        var scoped = new ServiceCollection().AddWholeApp(Configuration)
            .Where(d => d.Lifetime == ServiceLifetime.Scoped && d.ImplementationType?.Assembly == typeof(GenerationService).Assembly)
            .Select(d => d.ImplementationType!)
            .Except(perRequestOnly)
            .ToList();

        Assert.Contains(typeof(MemberService), scoped);
        Assert.All(scoped, type => Assert.DoesNotContain(
            type.GetConstructors().Single().GetParameters(),
            p => p.ParameterType == typeof(AppDbContext) || p.ParameterType == typeof(Microsoft.AspNetCore.Identity.UserManager<AppUser>)));
    }

    [Fact]
    public void DemoMode_WithAnApiKey_AddsNoSimulator()
    {
        var withKey = AppServices.Configuration(DataDirectory, [new("AimlApi:ApiKey", "sk-test")]);

        var services = new ServiceCollection().AddDemoMode(withKey);

        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(DemoSimulatorHost));
        Assert.Contains(new ServiceCollection().AddDemoMode(Configuration), d => d.ImplementationType == typeof(DemoSimulatorHost));
    }

    private static string DataDirectory => Path.Combine(Path.GetTempPath(), "minimaxmusic-registrations");

    private static IConfiguration Configuration { get; } = AppServices.Configuration(DataDirectory);

    /// <summary>What <paramref name="add"/> registers, one line per registration (duplicates kept), in a stable order.</summary>
    private static List<string> Registrations(Action<IServiceCollection> add)
    {
        var services = new ServiceCollection();
        add(services);
        return [.. services.Select(Describe).Order(StringComparer.Ordinal)];
    }

    /// <summary>The registrations in <paramref name="more"/> beyond those in <paramref name="fewer"/> (duplicates counted).</summary>
    private static List<string> Extra(List<string> more, List<string> fewer)
    {
        var extra = new List<string>(more);
        foreach (var registration in fewer)
        {
            extra.Remove(registration);
        }

        return extra;
    }

    private static string Describe(ServiceDescriptor d)
    {
        var implementation = d.IsKeyedService
            ? d.KeyedImplementationType?.FullName ?? d.KeyedImplementationInstance?.GetType().FullName ?? "factory"
            : d.ImplementationType?.FullName ?? d.ImplementationInstance?.GetType().FullName ?? "factory";
        return $"{d.Lifetime} {d.ServiceType.FullName}{(d.IsKeyedService ? $" [{d.ServiceKey}]" : "")} -> {implementation}";
    }
}
