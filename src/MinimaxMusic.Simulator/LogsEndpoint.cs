using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MinimaxMusic.Simulator;

/// <summary>
/// <c>GET /v2/logs</c> (contract/models/logs-v2.json, usage-logs.md): one row per submit request made with the caller's
/// key, newest first, failed ones with a zero cost. How a client finds a submit whose answer it never got.
/// </summary>
internal static class LogsEndpoint
{
    public const string Path = "/v2/logs";

    public static async Task<IResult> ListAsync(HttpContext context, SimulatorState state, IOptions<SimulatorOptions> options, TimeProvider time)
    {
        state.CountLogRequest();
        if (SimulatorEndpoints.BearerKey(context, options.Value) is not { } key)
        {
            return SimulatorEndpoints.Unauthorized(context, time);
        }

        var now = time.GetUtcNow();
        if (state.Log.TryAdmitRead(key, now) is { } wait)
        {
            SimulatorEndpoints.SetRetryAfter(context, wait);
            return SimulatorEndpoints.Error(context, time, StatusCodes.Status429TooManyRequests, SimulatorEndpoints.TooManyRequestsMessage);
        }

        if (await SimulatorEndpoints.ApplyAsync(state.TakeLogFault(), context, time) is { } faulted)
        {
            return faulted;
        }

        if (!LogsQuery.TryParse(context.Request.Query, now, out var query, out var problem))
        {
            return SimulatorEndpoints.Error(context, time, StatusCodes.Status400BadRequest, $"Query validation error! {problem}");
        }

        // Without a management key, only the caller's own key may be named.
        if (query.KeyPrefix is { } prefix && !key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return SimulatorEndpoints.Error(context, time, StatusCodes.Status403Forbidden,
                "Forbidden: listing the requests of another key requires a management key.");
        }

        var matching = state.Log.Rows(key).Where(query.Matches).ToArray();
        var page = matching.Skip(query.Offset).Take(query.Limit).Select(Row).ToArray();
        return Results.Json(
            new LogsAnswer(page, new PaginationAnswer(query.Limit, query.Offset, matching.Length, query.Offset + page.Length < matching.Length)),
            SimulatorJson.Options);
    }

    private static LogRowAnswer Row(LoggedRequest row) => new(
        SimulatorEndpoints.Timestamp(row.Created),
        row.Succeeded ? "succeeded" : "failed",
        "api",
        row.Model,
        new CostAnswer(row.Usd, row.Credits),
        new TokensAnswer(0, 0, 0),
        row.RequestId,
        row.InferenceId,
        row.ClientRequestId);
}

/// <summary>The query of <c>GET /v2/logs</c>, validated the vendor's way (anything wrong is a 400, never a guess).</summary>
internal sealed partial record LogsQuery(
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlySet<string>? Models,
    IReadOnlySet<bool>? Succeeded,
    int Limit,
    int Offset,
    string? KeyPrefix)
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(92);
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
    public const int MaxModels = 50;

    public bool Matches(LoggedRequest row) =>
        row.Created >= Start && row.Created <= End
        && (Models is null || Models.Contains(row.Model))
        && (Succeeded is null || Succeeded.Contains(row.Succeeded));

    public static bool TryParse(IQueryCollection query, DateTimeOffset now, [NotNullWhen(true)] out LogsQuery? parsed, out string? problem)
    {
        problem = Parse(query, now, out parsed);
        return problem is null;
    }

    /// <summary>Null when the query is valid, else what is wrong with it.</summary>
    private static string? Parse(IQueryCollection query, DateTimeOffset now, out LogsQuery? parsed)
    {
        parsed = null;
        foreach (var name in (string[])["period", "start", "end", "limit", "offset", "key_prefix"])
        {
            if (query[name].Count > 1)
            {
                return $"{name}: Expected a single value.";
            }
        }

        var period = Single(query, "period");
        var startText = Single(query, "start");
        var endText = Single(query, "end");
        DateTimeOffset start, end;
        if (period is not null)
        {
            if (startText is not null || endText is not null)
            {
                return "Provide either period or both start and end, not both.";
            }

            var match = PeriodShape().Match(period);
            var amount = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            if (amount <= 0)
            {
                return "period: Expected a positive integer followed by h or d, e.g. 24h or 7d.";
            }

            var span = match.Groups[2].Value == "h" ? TimeSpan.FromHours(amount) : TimeSpan.FromDays(amount);
            if (span > MaxWindow)
            {
                return "The window must not exceed 92 days.";
            }

            (start, end) = (now - span, now);
        }
        else
        {
            if (startText is null && endText is null)
            {
                return "Provide either period or both start and end.";
            }

            if (startText is null || endText is null)
            {
                return "start and end must be used together.";
            }

            if (!TryParseInstant(startText, out start))
            {
                return "start: Expected an ISO-8601 date and time, e.g. 2026-07-01T00:00:00Z.";
            }

            if (!TryParseInstant(endText, out end))
            {
                return "end: Expected an ISO-8601 date and time, e.g. 2026-07-28T00:00:00Z.";
            }

            if (end < start)
            {
                return "end must not be earlier than start.";
            }

            if (end - start > MaxWindow)
            {
                return "The window must not exceed 92 days.";
            }
        }

        HashSet<bool>? succeeded = null;
        foreach (var status in query["status"])
        {
            // Not split on commas: "succeeded,failed" is not a status.
            if (status is not ("succeeded" or "failed"))
            {
                return $"status: Invalid enum value. Expected 'succeeded' | 'failed', received '{status}'.";
            }

            (succeeded ??= []).Add(status == "succeeded");
        }

        var models = query["model"];
        if (models.Count > MaxModels)
        {
            return $"model: At most {MaxModels} values.";
        }

        var limit = DefaultLimit;
        if (Single(query, "limit") is { } limitText && (!TryParseCount(limitText, out limit) || limit is < 1 or > MaxLimit))
        {
            return $"limit: Expected an integer from 1 to {MaxLimit}.";
        }

        var offset = 0;
        if (Single(query, "offset") is { } offsetText && !TryParseCount(offsetText, out offset))
        {
            return "offset: Expected an integer of at least 0.";
        }

        parsed = new LogsQuery(
            start,
            end,
            models.Count == 0 ? null : models.Select(m => m ?? "").ToHashSet(StringComparer.Ordinal),
            succeeded,
            limit,
            offset,
            Single(query, "key_prefix"));
        return null;
    }

    private static string? Single(IQueryCollection query, string name) => query[name] is { Count: 1 } values ? values[0] : null;

    // Digits only: no sign, no spaces, no thousands separators.
    private static bool TryParseCount(string text, out int value) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>ISO-8601; a value without an offset is UTC.</summary>
    private static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        return InstantShape().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
    }

    [GeneratedRegex(@"^([0-9]{1,9})([hd])\z")]
    private static partial Regex PeriodShape();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?([Zz]|[+-][0-9]{2}:[0-9]{2})?)?\z")]
    private static partial Regex InstantShape();
}
