using System.Threading.Channels;

namespace MinimaxMusic.Web.Features.Generations;

/// <summary>Wakes the poller at once (after a submit) instead of waiting for its next tick.</summary>
internal sealed class PollerSignal(TimeProvider time)
{
    // Capacity one: many wake-ups while the poller is busy collapse into a single extra pass.
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _channel.Writer.TryWrite(true);

    /// <summary>Returns after <paramref name="delay"/> or as soon as <see cref="Wake"/> is called.</summary>
    public async Task WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(delay, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
        try
        {
            await _channel.Reader.WaitToReadAsync(linked.Token);
            _channel.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The delay elapsed: time for the scheduled pass.
        }
    }
}
