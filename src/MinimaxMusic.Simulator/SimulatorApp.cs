using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MinimaxMusic.Simulator;

public static class SimulatorApp
{
    /// <summary>Registers the simulator's services; <paramref name="time"/> replaces the system clock (tests).</summary>
    public static IServiceCollection AddSimulator(this IServiceCollection services, TimeProvider? time = null)
    {
        services.TryAddSingleton(time ?? TimeProvider.System);
        services.TryAddSingleton(sp => new SimulatorState(sp.GetRequiredService<IOptions<SimulatorOptions>>().Value));
        services.TryAddSingleton(sp => new SignedCdn(sp.GetRequiredService<IOptions<SimulatorOptions>>().Value));
        return services;
    }

    /// <summary>The standalone server: <c>dotnet run --project src/MinimaxMusic.Simulator</c>.</summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.SectionName);
        builder.Services.AddSimulator();
        var app = builder.Build();
        app.MapGet("/", () => "MinimaxMusic simulator: the AIML API contract for minimax-music, minimax/music-1.5, -2.0, -2.6 and -cover. See /__simulator/stats.");
        app.MapSimulator();
        return app;
    }
}
