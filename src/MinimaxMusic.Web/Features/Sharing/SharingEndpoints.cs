using System.Globalization;
using System.Text.Encodings.Web;
using MinimaxMusic.Web.Features.Accounts;
using MinimaxMusic.Web.Features.Generations;
using MinimaxMusic.Web.Hosting;

namespace MinimaxMusic.Web.Features.Sharing;

/// <summary>
/// What a share link serves besides its page: the audio (only while the link is active), a bare player for
/// iframes, and oEmbed so chat tools can unfurl a pasted link with a player. All anonymous by design: the token is
/// the permission, and Team links additionally need a signed-in user.
/// </summary>
internal static class SharingEndpoints
{
    public const int EmbedWidth = 480;
    public const int EmbedHeight = 140;

    public static IEndpointRouteBuilder MapSharing(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/s/{token}/audio", [HttpMethods.Get, HttpMethods.Head], async (string token, HttpContext context, SharedSongs shares, SongAudio audio, CancellationToken ct, bool download = false) =>
        {
            var resolution = await shares.ResolveAsync(token, ct);
            if (Refusal(resolution, context, forPeople: false) is { } refused)
            {
                return refused;
            }

            if (download && !resolution.Share!.AllowDownload)
            {
                return Results.Text("The owner of this share link did not allow downloading.", statusCode: StatusCodes.Status403Forbidden);
            }

            return audio.Answer(resolution.Song!, download);
        }).AllowAnonymous();

        endpoints.MapGet("/s/{token}/embed", async (string token, HttpContext context, SharedSongs shares, CancellationToken ct) =>
        {
            var resolution = await shares.ResolveAsync(token, ct);
            return Refusal(resolution, context, forPeople: true)
                ?? Results.Content(EmbedHtml(resolution.Song!, token, context.Request.PathBase), "text/html; charset=utf-8");
        }).AllowAnonymous();

        endpoints.MapGet("/oembed", async (HttpContext context, SharedSongs shares, PublicAddress urls, CancellationToken ct, string? url = null, string? format = null, int? maxwidth = null, int? maxheight = null) =>
        {
            if (format is not null && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Text("Only format=json is offered.", statusCode: StatusCodes.Status501NotImplemented);
            }

            var resolution = await shares.ResolveAsync(ShareUrls.TokenOf(url), ct);
            if (!resolution.IsActive)
            {
                return Results.Text("No active share link at that address.", statusCode: StatusCodes.Status404NotFound);
            }

            // Unfurl bots are anonymous: a Team link reveals nothing, not even its title (oEmbed's answer for private resources).
            if (resolution.Share!.Visibility == ShareVisibility.Team && !IsSignedIn(context))
            {
                return SignInNeeded;
            }

            var baseUri = urls.BaseFor(context.Request);
            var token = resolution.Share.Token;
            var width = Math.Min(EmbedWidth, maxwidth is > 0 ? maxwidth.Value : EmbedWidth);
            var height = Math.Min(EmbedHeight, maxheight is > 0 ? maxheight.Value : EmbedHeight);
            var embed = HtmlEncoder.Default.Encode(ShareUrls.Embed(baseUri, token).ToString());
            var title = resolution.Song!.Title;
            return Results.Json(new OEmbedResponse(
                Version: "1.0",
                Type: "rich",
                Title: title,
                ProviderName: "MinimaxMusic",
                ProviderUrl: baseUri.ToString(),
                Html: $"<iframe src=\"{embed}\" width=\"{width}\" height=\"{height}\" frameborder=\"0\" allow=\"autoplay\" title=\"{HtmlEncoder.Default.Encode(title)}\"></iframe>",
                Width: width,
                Height: height), contentType: "application/json+oembed; charset=utf-8");
        }).AllowAnonymous();

        return endpoints;
    }

    // Error answers carry a body so the status-code-pages handler leaves them alone (it would re-execute a page).
    private static readonly IResult SignInNeeded =
        Results.Text("This share link is for signed-in team members.", statusCode: StatusCodes.Status401Unauthorized);

    public static bool IsSignedIn(HttpContext context) => context.User.Identity?.IsAuthenticated == true;

    /// <summary>The sign-in page, coming back to <paramref name="context"/>'s path afterwards.</summary>
    public static string LoginRedirect(HttpContext context) =>
        $"{context.Request.PathBase}{AccountPaths.Login}?returnUrl={Uri.EscapeDataString($"{context.Request.PathBase}{context.Request.Path}")}";

    public static string GoneMessage(ShareResolution resolution) => resolution.Outcome == ShareOutcome.Revoked
        ? "This share link was revoked by its owner."
        : $"This share link expired on {resolution.Share!.ExpiresAtUtc!.Value.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture)}.";

    /// <summary>Why a request for a share must not be served, or null when it may.</summary>
    private static IResult? Refusal(ShareResolution resolution, HttpContext context, bool forPeople) => resolution.Outcome switch
    {
        ShareOutcome.NotFound => Results.Text("This share link does not exist.", statusCode: StatusCodes.Status404NotFound),
        ShareOutcome.Revoked or ShareOutcome.Expired => Results.Text(GoneMessage(resolution), statusCode: StatusCodes.Status410Gone),
        _ when resolution.Share!.Visibility == ShareVisibility.Team && !IsSignedIn(context) =>
            forPeople ? Results.Redirect(LoginRedirect(context)) : SignInNeeded,
        _ => null,
    };

    private static string EmbedHtml(Generation song, string token, PathString pathBase)
    {
        var title = HtmlEncoder.Default.Encode(song.Title);
        var audio = HtmlEncoder.Default.Encode($"{pathBase}/{ShareUrls.AudioPath(token)}");
        var page = HtmlEncoder.Default.Encode($"{pathBase}/{ShareUrls.PagePath(token)}");
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta name="robots" content="noindex" />
            <title>{{title}} · MinimaxMusic</title>
            <style>
            body { margin: 0; padding: 12px 16px; font: 15px/1.4 system-ui, sans-serif; background: #fff; color: #1f2330; }
            a { color: inherit; font-weight: 600; text-decoration: none; } a:hover { text-decoration: underline; }
            audio { width: 100%; margin-top: 8px; }
            .brand { font-size: 12px; color: #667; }
            </style>
            </head>
            <body>
            <a href="{{page}}" target="_blank" rel="noopener">{{title}}</a>
            <div class="brand">MinimaxMusic</div>
            <audio controls preload="metadata" src="{{audio}}" aria-label="Play {{title}}"></audio>
            </body>
            </html>
            """;
    }

    private sealed record OEmbedResponse(
        [property: System.Text.Json.Serialization.JsonPropertyName("version")] string Version,
        [property: System.Text.Json.Serialization.JsonPropertyName("type")] string Type,
        [property: System.Text.Json.Serialization.JsonPropertyName("title")] string Title,
        [property: System.Text.Json.Serialization.JsonPropertyName("provider_name")] string ProviderName,
        [property: System.Text.Json.Serialization.JsonPropertyName("provider_url")] string ProviderUrl,
        [property: System.Text.Json.Serialization.JsonPropertyName("html")] string Html,
        [property: System.Text.Json.Serialization.JsonPropertyName("width")] int Width,
        [property: System.Text.Json.Serialization.JsonPropertyName("height")] int Height);
}
