using Microsoft.Extensions.Options;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Security;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Features.Demo;

/// <summary>
/// Demo mode (no API key): starts the simulator on a loopback port and points the upstream client at
/// it. Everything else — Refit client, poller, storage — runs exactly as with the real service.
/// Registered before the poller so the address is known before any client is created.
/// </summary>
internal sealed class DemoSimulatorHost(
    IOptions<SimulatorOptions> simulatorOptions,
    UpstreamEndpoint endpoint,
    TrustedOrigins trustedOrigins,
    DemoMode demoMode,
    TimeProvider time,
    ILogger<DemoSimulatorHost> logger) : IHostedService, IAsyncDisposable
{
    private SimulatorServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _server = await SimulatorServer.StartAsync(simulatorOptions.Value, "http://127.0.0.1:0", time, cancellationToken);
        endpoint.Redirect(_server.BaseAddress);
        // The simulator is on loopback; only its exact origin is exempt from the private-network rule.
        trustedOrigins.Add(_server.BaseAddress);
        demoMode.SampleReference = new Uri(_server.BaseAddress, SimulatorEndpoints.SampleReferencePath.TrimStart('/'));
        logger.LogWarning("Demo mode: no AimlApi:ApiKey is configured, so songs are simulated locally at {SimulatorAddress}. "
            + "Set AimlApi__ApiKey to generate real songs.", _server.BaseAddress);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
