using Microsoft.Extensions.Caching.Memory;
using MinimaxMusic.Web.Upstream;

namespace MinimaxMusic.Web.Features.Spending;

/// <summary>The AIML account balance, or why it could not be read (never containing the API key).</summary>
internal sealed record BalanceReading(decimal? Amount, string? Currency, string? Problem)
{
    public string Display => Amount is { } amount
        ? string.Equals(Currency, "USD", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(Currency)
            ? $"Balance: {Dollars.Format(amount)}"
            : $"Balance: {amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} {Currency}"
        : Problem ?? "The AIML balance could not be read.";
}

/// <summary>Reads GET /v2/billing for the admins, at most once a minute for the whole app.</summary>
internal sealed class BillingService(IAimlApi upstream, IMemoryCache cache, ILogger<BillingService> logger)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);
    private static readonly object CacheKey = new();

    public async Task<BalanceReading> GetBalanceAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey, out BalanceReading? cached) && cached is not null)
        {
            return cached;
        }

        try
        {
            var billing = await upstream.GetBillingAsync(cancellationToken);
            var reading = new BalanceReading(billing.CurrentBalance, billing.Currency, null);
            cache.Set(CacheKey, reading, CacheFor);
            return reading;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = UpstreamFailure.From(ex);
            logger.LogWarning("The AIML balance could not be read: {FailureName} {FailureMessage}", failure.Name, failure.Message);
            // Kept as long as a success: while the vendor fails, page loads do not each ask it again.
            var reading = new BalanceReading(null, null, $"The AIML balance could not be read: {failure.Message}");
            cache.Set(CacheKey, reading, CacheFor);
            return reading;
        }
    }
}
