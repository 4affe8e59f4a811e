using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.AspNetCore.WebUtilities;

namespace MinimaxMusic.Web.Security;

/// <summary>
/// Fetches URLs that users supply (reference tracks, result audio) through the named client
/// <see cref="ClientName"/>: public addresses only, every redirect re-checked, capped in size and time.
/// </summary>
internal sealed class GuardedHttp(IHttpClientFactory httpClientFactory, OutboundGuard guard, TimeProvider time)
{
    public const string ClientName = "guarded";

    /// <summary>
    /// Downloads <paramref name="url"/> into <paramref name="destination"/>. Never throws for what the remote
    /// side did (refusals, statuses, sizes, time, network): those come back as a failed result, and the
    /// destination may then hold part of the body. Throws when <paramref name="cancellationToken"/> is
    /// cancelled or the destination cannot be written.
    /// </summary>
    public async Task<GuardedDownload> DownloadAsync(
        Uri url, long maxBytes, TimeSpan timeout, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        if (guard.CheckUrl(url) is { } refused)
        {
            return Failed(url, DownloadFailure.Refused, refused);
        }

        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var finalUrl = url;
        HttpStatusCode? status = null;
        string? contentType = null;
        long written = 0;
        var writingDestination = false;
        try
        {
            var client = httpClientFactory.CreateClient(ClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            finalUrl = response.RequestMessage?.RequestUri ?? url;
            status = response.StatusCode;
            contentType = response.Content.Headers.ContentType?.MediaType;
            if (!response.IsSuccessStatusCode)
            {
                return Failed(finalUrl, DownloadFailure.HttpStatus, $"the server answered {DescribeStatus(response)}") with
                {
                    StatusCode = status,
                    ContentType = contentType,
                };
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return Failed(finalUrl, DownloadFailure.TooLarge, TooLarge(maxBytes)) with
                {
                    StatusCode = status,
                    ContentType = contentType,
                };
            }

            await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, linked.Token)) > 0)
            {
                if (written + read > maxBytes)
                {
                    return Failed(finalUrl, DownloadFailure.TooLarge, TooLarge(maxBytes)) with
                    {
                        StatusCode = status,
                        ContentType = contentType,
                        Bytes = written,
                    };
                }

                writingDestination = true;
                await destination.WriteAsync(buffer.AsMemory(0, read), linked.Token);
                writingDestination = false;
                written += read;
            }

            return new GuardedDownload { FinalUrl = finalUrl, StatusCode = status, ContentType = contentType, Bytes = written };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeoutSource.IsCancellationRequested)
        {
            return Failed(finalUrl, DownloadFailure.TimedOut, $"the server did not deliver the file within {DescribeDuration(timeout)}") with
            {
                StatusCode = status,
                ContentType = contentType,
                Bytes = written,
            };
        }
        // A failure to write the destination (disk full) is ours, not the server's: it propagates.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !writingDestination && Describe(ex) is { } described)
        {
            return Failed(finalUrl, described.Failure, described.Problem) with { StatusCode = status, ContentType = contentType, Bytes = written };
        }
    }

    /// <summary>"52.4 MB", "900 KB", "512 bytes": for messages.</summary>
    public static string DescribeSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };

    private static GuardedDownload Failed(Uri url, DownloadFailure failure, string problem) =>
        new() { FinalUrl = url, Failure = failure, Problem = problem };

    private static string TooLarge(long maxBytes) => $"the file is larger than the {DescribeSize(maxBytes)} limit";

    private static string DescribeStatus(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        var phrase = ReasonPhrases.GetReasonPhrase(code);
        if (string.IsNullOrEmpty(phrase))
        {
            phrase = response.ReasonPhrase ?? "";
        }

        return $"{code} {phrase}".TrimEnd();
    }

    private static string DescribeDuration(TimeSpan duration) =>
        duration.TotalSeconds < 120 ? $"{duration.TotalSeconds:0.#} s" : $"{duration.TotalMinutes:0.#} min";

    private static (DownloadFailure Failure, string Problem)? Describe(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case OutboundUrlRefusedException refused:
                    return (DownloadFailure.Refused, refused.Message);
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return (DownloadFailure.Network, "the server's name could not be found (DNS)");
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return (DownloadFailure.Network, "the server refused the connection");
                case SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable }:
                    return (DownloadFailure.Network, "the server could not be reached");
                case AuthenticationException:
                    return (DownloadFailure.Network, "the secure connection (TLS) to the server failed");
            }
        }

        return exception switch
        {
            HttpRequestException or IOException => (DownloadFailure.Network, "the connection to the server failed"),
            _ => null,
        };
    }
}
