using System.Net;
using System.Text.Json;
using Polly.Timeout;
using Refit;

namespace MinimaxMusic.Web.Upstream;

/// <summary>An upstream failure described for a person; never contains the API key.</summary>
internal sealed record UpstreamFailure(string Name, string Message, bool IsTransient, HttpStatusCode? StatusCode)
{
    /// <summary>
    /// For a submit: the vendor may have received (and charged) it although no answer came back — a timeout after
    /// sending, a connection lost while waiting, an answer that could not be read. Any answer with a status code, and a
    /// connection that never opened, settle it.
    /// </summary>
    public bool SubmitMayHaveArrived => StatusCode is null && Name is not "NotConnected";

    public static UpstreamFailure From(Exception exception) => exception switch
    {
        // A success status whose body could not be read (Refit reports it as an ApiException): the vendor did answer,
        // and for a submit it may have accepted the song.
        ApiException { StatusCode: >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices } =>
            new("MalformedResponse", "The AIML service sent an answer that could not be read.", IsTransient: true, null),
        ApiException api => FromApiException(api),
        TimeoutRejectedException or TaskCanceledException =>
            new("Timeout", "The AIML service did not answer in time.", IsTransient: true, null),
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } http =>
            new("NotConnected", $"The AIML service could not be reached ({http.HttpRequestError}).", IsTransient: true, null),
        HttpRequestException http =>
            new("Unreachable", $"The AIML service could not be reached ({http.HttpRequestError}).", IsTransient: true, null),
        JsonException =>
            new("MalformedResponse", "The AIML service sent an answer that could not be read.", IsTransient: true, null),
        _ => new("UnexpectedError", "An unexpected error occurred while talking to the AIML service.", IsTransient: true, null),
    };

    private static UpstreamFailure FromApiException(ApiException api)
    {
        var vendorMessage = ReadVendorMessage(api.Content);
        var status = api.StatusCode;
        return status switch
        {
            HttpStatusCode.Unauthorized => new("Unauthorized",
                "The API key was refused by the AIML service. Check AimlApi__ApiKey.", false, status),
            HttpStatusCode.Forbidden => new("OutOfCredits",
                "The AIML account is out of credits. Top up the balance and try again.", false, status),
            HttpStatusCode.TooManyRequests => new("RateLimited",
                "The AIML service is rate limiting requests (429). Try again in a minute.", true, status),
            HttpStatusCode.BadRequest => new("Rejected",
                vendorMessage ?? "The AIML service rejected the request (400).", false, status),
            >= HttpStatusCode.InternalServerError => new("UpstreamError",
                $"The AIML service failed ({(int)status}){(vendorMessage is null ? "" : ": " + vendorMessage)}.", true, status),
            _ => new("Rejected",
                $"The AIML service answered {(int)status}{(vendorMessage is null ? "" : ": " + vendorMessage)}.", false, status),
        };
    }

    private static string? ReadVendorMessage(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<UpstreamErrorBody>(content)?.Message;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
