using System.Collections.Concurrent;

namespace MinimaxMusic.Web.Features.Generations;

/// <summary>
/// The songs whose submit this process is sending right now. A submit may take longer than Polling:StaleSubmitAge (the
/// upstream client retries 429s and 502/503s); while it runs, its answer is still coming, so the recovery must not
/// decide the song's fate from the request log.
/// </summary>
internal sealed class SubmitsInFlight
{
    private readonly ConcurrentDictionary<Guid, byte> _songs = new();

    public IDisposable Enter(Guid songId)
    {
        _songs.TryAdd(songId, 0);
        return new Exit(this, songId);
    }

    public bool Contains(Guid songId) => _songs.ContainsKey(songId);

    private sealed class Exit(SubmitsInFlight owner, Guid songId) : IDisposable
    {
        public void Dispose() => owner._songs.TryRemove(songId, out _);
    }
}
