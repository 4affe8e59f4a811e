using System.Collections.Concurrent;

namespace MinimaxMusic.Web.Features.Generations;

/// <summary>
/// A song changed: listeners reload what they show. <paramref name="Finished"/>: it has just reached a final state
/// (the moment for a toast); <paramref name="Deleted"/>: it is gone.
/// </summary>
internal sealed record GenerationChanged(Guid Id, GenerationStatus Status, bool Deleted = false, bool Finished = false);

/// <summary>
/// Pushes generation changes to whoever listens (Blazor circuits). Components subscribe and call
/// InvokeAsync(StateHasChanged); they never poll the database.
/// </summary>
internal sealed class GenerationNotifier(ILogger<GenerationNotifier> logger)
{
    private readonly ConcurrentDictionary<Guid, Func<GenerationChanged, Task>> _subscribers = new();

    public IDisposable Subscribe(Func<GenerationChanged, Task> onChanged)
    {
        var key = Guid.NewGuid();
        _subscribers[key] = onChanged;
        return new Subscription(() => _subscribers.TryRemove(key, out _));
    }

    public void Publish(GenerationChanged change)
    {
        foreach (var subscriber in _subscribers.Values)
        {
            _ = NotifyAsync(subscriber, change);
        }
    }

    private async Task NotifyAsync(Func<GenerationChanged, Task> subscriber, GenerationChanged change)
    {
        try
        {
            await subscriber(change);
        }
        catch (Exception ex)
        {
            // A broken circuit must not stop other listeners or the poller.
            logger.LogDebug(ex, "A generation change subscriber failed");
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
