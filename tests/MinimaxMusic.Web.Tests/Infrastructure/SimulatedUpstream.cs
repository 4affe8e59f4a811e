using MinimaxMusic.Simulator;

namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>The simulator on its own loopback port plus the app pointed at it with an API key: the production wiring.</summary>
internal sealed class SimulatedUpstream : IAsyncDisposable
{
    private SimulatedUpstream(SimulatorServer simulator, TestApp app)
    {
        Simulator = simulator;
        App = app;
    }

    public SimulatorServer Simulator { get; }

    public TestApp App { get; }

    /// <summary>A real 20 s+ WAV the reference probe accepts (served by the simulator on loopback).</summary>
    public string Reference => new Uri(Simulator.BaseAddress, SimulatorEndpoints.SampleReferencePath.TrimStart('/')).ToString();

    public static async Task<SimulatedUpstream> StartAsync(
        string apiKey = "test-key",
        Action<SimulatorOptions>? configureSimulator = null,
        Action<Dictionary<string, string?>>? configureApp = null)
    {
        var options = new SimulatorOptions { GenerationTime = TimeSpan.FromSeconds(1.5) };
        configureSimulator?.Invoke(options);
        var simulator = await SimulatorServer.StartAsync(options);

        var settings = TestApp.FastPolling();
        settings["AimlApi:BaseUrl"] = simulator.BaseAddress.ToString();
        settings["AimlApi:ApiKey"] = apiKey;
        configureApp?.Invoke(settings);
        return new SimulatedUpstream(simulator, new TestApp(settings));
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
