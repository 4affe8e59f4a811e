using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace MinimaxMusic.Web.Hosting;

/// <summary>
/// Turns a start-up failure an operator can fix (a wrong setting, an unwritable data directory) into one line per
/// problem naming the key, the environment variable and the fix — instead of a stack trace.
/// </summary>
internal static partial class StartupFailure
{
    /// <summary>The lines to print, or null when the failure is not a configuration problem (then it propagates).</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException validation => string.Join(Environment.NewLine,
            validation.Failures.SelectMany(SplitFailures).Select(f => $"Configuration error: {WithVariable(f)}")),
        InvalidOperationException { Message: var message } when ConversionFailure().Match(message) is { Success: true } match =>
            $"Configuration error: {match.Groups["key"].Value} is not a valid {Friendly(match.Groups["type"].Value)}; "
            + $"{Example(match.Groups["type"].Value)} (environment variable {Variable(match.Groups["key"].Value)}).",
        SqliteException { SqliteErrorCode: 14 } or UnauthorizedAccessException =>
            "Start-up error: the data directory cannot be written. Set Storage:DataDirectory (environment variable "
            + "Storage__DataDirectory) to a folder this user can write, or fix the folder's owner (in Docker: the /data volume).",
        AggregateException { InnerExceptions: [var single] } => Describe(single),
        _ when exception.InnerException is { } inner => Describe(inner),
        _ => null,
    };

    private static IEnumerable<string> SplitFailures(string failure) =>
        // DataAnnotations failures arrive as "DataAnnotation validation failed for 'X' members: 'Y' with the error: '…'."
        DataAnnotationFailure().Matches(failure) is { Count: > 0 } matches
            ? matches.Select(m => m.Groups["error"].Value)
            : [failure];

    /// <summary>Adds "(environment variable Section__Key)" after the first "Section:Key" a message names.</summary>
    private static string WithVariable(string message) =>
        ConfigurationKey().Match(message) is { Success: true } key && !message.Contains("__", StringComparison.Ordinal)
            ? $"{message.TrimEnd()} (environment variable {Variable(key.Value)})"
            : message;

    private static string Variable(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    private static string Friendly(string type) => type switch
    {
        "System.TimeSpan" => "duration",
        "System.Int32" or "System.Int64" => "whole number",
        "System.Boolean" => "true/false value",
        "System.Double" or "System.Decimal" => "number",
        _ => type,
    };

    private static string Example(string type) => type switch
    {
        "System.TimeSpan" => "write it as hh:mm:ss, e.g. 00:00:10",
        "System.Int32" or "System.Int64" => "write digits only, e.g. 4",
        "System.Boolean" => "write true or false",
        "System.Double" or "System.Decimal" => "write a number such as 0.5",
        _ => "see appsettings.example.json for the expected form",
    };

    [GeneratedRegex("at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex("with the error: '(?<error>.*?)'\\.?(?=;|$)")]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex("\\b[A-Z][A-Za-z]+:[A-Z][A-Za-z]+\\b")]
    private static partial Regex ConfigurationKey();
}
