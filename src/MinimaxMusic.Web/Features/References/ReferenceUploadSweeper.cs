namespace MinimaxMusic.Web.Features.References;

/// <summary>Removes uploads nobody saved or used (a writer who uploaded and walked away), once a day.</summary>
internal sealed class ReferenceUploadSweeper(ReferenceLibrary library, TimeProvider time, ILogger<ReferenceUploadSweeper> logger)
    : BackgroundService
{
    private static readonly TimeSpan Age = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                var removed = await library.DeleteUnusedFilesAsync(Age, stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Removed {Count} unused uploaded reference files", removed);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Sweeping unused uploaded references failed; trying again tomorrow");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
