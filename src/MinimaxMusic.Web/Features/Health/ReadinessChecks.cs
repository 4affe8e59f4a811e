using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Data;
using MinimaxMusic.Web.Features.Demo;

namespace MinimaxMusic.Web.Features.Health;

/// <summary>The database answers a trivial query.</summary>
internal sealed class DatabaseCheck(IDbContextFactory<AppDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("reachable")
                : HealthCheckResult.Unhealthy("the database cannot be opened");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the database cannot be opened");
        }
    }
}

/// <summary>The data directory takes a new file (songs are archived and references uploaded there).</summary>
internal sealed class DataDirectoryCheck(IOptions<StorageOptions> storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(storage.Value.FullDataDirectory, $".ready-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllBytesAsync(probe, [1], cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy("writable");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The path stays out of the answer: it is for the operator's logs, not for anonymous callers.
            return HealthCheckResult.Unhealthy("the data directory is not writable");
        }
    }
}

/// <summary>
/// ffprobe is installed. Without it songs are still made and archived, only without duration and waveform, and
/// reference lengths go unverified: so this degrades readiness instead of failing it.
/// </summary>
internal sealed class FfprobeCheck(MediaProbe media) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!media.HasFfprobe
            ? HealthCheckResult.Degraded("ffprobe is not installed: durations and waveforms are missing")
            : HealthCheckResult.Healthy("present"));
}

/// <summary>Songs can be made: an AIML key is configured, or demo mode runs the simulator.</summary>
internal sealed class UpstreamCheck(DemoMode demo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!demo.IsActive
            ? HealthCheckResult.Healthy("API key configured")
            : demo.SampleReference is not null
                ? HealthCheckResult.Healthy("demo mode (no API key): songs are simulated")
                : HealthCheckResult.Unhealthy("demo mode: the simulator has not started yet"));
}
