namespace MinimaxMusic.Web.Audio;

/// <summary>
/// At start and then every hour: removes audio files no row points to, partial files a crash left in the store's
/// folders, uploads nobody saved or used within a day, and reference-check downloads a crash left in the temp folder.
/// At start every temporary file written before this process began is a dead process's (one app per data folder) and
/// goes at once; later passes leave those younger than an hour to the saves still writing them.
/// </summary>
internal sealed class AudioSweeper(AudioStore store, TimeProvider time, ILogger<AudioSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly DateTime _startedAtUtc = time.GetUtcNow().UtcDateTime;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var first = true;
        do
        {
            try
            {
                var partialsBefore = first ? _startedAtUtc : time.GetUtcNow().UtcDateTime - AudioStore.PartialAge;
                first = false;
                var removed = await store.SweepAsync(partialsBefore, stoppingToken)
                    + ScratchFiles.Sweep(time.GetUtcNow().UtcDateTime - AudioStore.PartialAge);
                if (removed > 0)
                {
                    logger.LogInformation("Swept {Count} unused or partial audio files", removed);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Sweeping unused audio files failed; trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
