using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MinimaxMusic.Web.Audio;
using MinimaxMusic.Web.Data;

namespace MinimaxMusic.Web.Features.Generations;

/// <summary>
/// Songs whose audio is due to be saved locally. The poller only enqueues (it never waits for a download, hash or
/// ffmpeg run, so a burst of finished songs cannot hold back the checks of the others); <see cref="ArchiveWorker"/>
/// drains it with its own concurrency. A song is queued at most once at a time.
/// </summary>
internal sealed class ArchiveQueue
{
    private readonly Channel<Guid> _channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<Guid, byte> _pending = new();

    public bool Enqueue(Guid generationId) => _pending.TryAdd(generationId, 0) && _channel.Writer.TryWrite(generationId);

    /// <summary>Queued or being archived right now: its archive time is not the poller's to wait for.</summary>
    public bool IsPending(Guid generationId) => _pending.ContainsKey(generationId);

    internal ChannelReader<Guid> Reader => _channel.Reader;

    internal void Done(Guid generationId) => _pending.TryRemove(generationId, out _);
}

/// <summary>Saves finished songs' audio (download, SHA-256, duration, waveform) off the polling path.</summary>
internal sealed class ArchiveWorker(
    ArchiveQueue queue,
    IDbContextFactory<AppDbContext> dbFactory,
    AudioArchiver archiver,
    AudioStore store,
    GenerationNotifier notifier,
    PollerSignal pollerSignal,
    IOptions<ArchiveOptions> options,
    ILogger<ArchiveWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(queue.Reader.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrency, CancellationToken = stoppingToken },
            async (id, ct) =>
            {
                var retryLater = true;
                try
                {
                    retryLater = await ArchiveAsync(id, ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    logger.LogError(ex, "Archiving generation {GenerationId} failed unexpectedly; the poller will offer it again", id);
                }
                finally
                {
                    queue.Done(id);
                    // A retry was scheduled: the poller recomputes when to wake. A saved song needs nothing more from it.
                    if (retryLater)
                    {
                        pollerSignal.Wake();
                    }
                }
            });

    /// <summary>Saves one song's audio; true when it is still due (a retry was scheduled).</summary>
    private async Task<bool> ArchiveAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var generation = await db.Generations.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (generation is not { Status: GenerationStatus.Completed } || generation.NextArchiveAtUtc is null)
        {
            return false;
        }

        if (generation.IsArchived)
        {
            // Already saved: nothing is due any more.
            generation.SettleArchive();
            await db.SaveChangesAsync(CancellationToken.None);
            return false;
        }

        await archiver.ArchiveAsync(generation, cancellationToken);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted while its audio was being saved: the file just written goes too.
            store.Delete(AudioKind.Song, generation.ArchivedFileName);

            return false;
        }

        notifier.Publish(new(generation.Id, generation.Status));
        return generation.NextArchiveAtUtc is not null;
    }
}
