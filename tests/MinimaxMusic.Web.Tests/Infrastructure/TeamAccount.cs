using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Playwright;

namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>
/// The team admin every test app gets, signed in through the real forms: /setup creates it on the app's first use,
/// /login signs in after that. Nothing is bypassed: cookies, antiforgery and the setup gate all run.
/// </summary>
internal static class TeamAccount
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "a long test passphrase";

    /// <summary>An HttpClient that signs in as the admin before its first request and keeps the cookie.</summary>
#pragma warning disable CA2000 // The handler is owned by the HttpClient (disposeHandler: true); the caller disposes the client.
    public static HttpClient CreateClient(Uri baseAddress, bool allowAutoRedirect = true) =>
        new(new SigningInHandler(baseAddress, allowAutoRedirect)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
#pragma warning restore CA2000

    /// <summary>Completes /setup or /login when <paramref name="page"/> is on one of them; otherwise does nothing.</summary>
    public static async Task SignInAsync(IPage page)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var path = new Uri(page.Url).AbsolutePath;
            string button;
            if (path.EndsWith("/setup", StringComparison.Ordinal))
            {
                button = "Create admin account";
            }
            else if (path.EndsWith("/login", StringComparison.Ordinal))
            {
                button = "Log in";
            }
            else
            {
                return;
            }

            await page.GetByLabel("Email").FillAsync(AdminEmail);
            await page.GetByLabel("Password").FillAsync(AdminPassword);
            var form = path;
            await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
            try
            {
                // Signed in: the server redirects away from the form. A fresh app's first sign-in (password hashing, the
                // first page compiled) can take over 15 s on a loaded two-core CI machine; a sign-in that fails still fails.
                await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != form, new() { Timeout = 30_000 });
            }
            catch (TimeoutException) when (button == "Create admin account")
            {
                // Another client made the admin first (the form says so): sign in instead.
                await page.GotoAsync(new Uri(new Uri(page.Url), "login").ToString());
            }
        }
    }

#pragma warning disable CA2000 // The inner handler is owned by the DelegatingHandler, which disposes it with itself.
    private sealed class SigningInHandler(Uri baseAddress, bool allowAutoRedirect) : DelegatingHandler(
        new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = allowAutoRedirect })
#pragma warning restore CA2000
    {
        private readonly SemaphoreSlim _signingIn = new(1, 1);
        private bool _signedIn;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!_signedIn)
            {
                await _signingIn.WaitAsync(cancellationToken);
                try
                {
                    if (!_signedIn)
                    {
                        await SignInAsync(cancellationToken);
                        _signedIn = true;
                    }
                }
                finally
                {
                    _signingIn.Release();
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _signingIn.Dispose();
            }

            base.Dispose(disposing);
        }

        private async Task SignInAsync(CancellationToken cancellationToken)
        {
            // The first admin is made by whoever comes first; everyone else logs in.
            if (await PostFormAsync("setup", "Create admin account", cancellationToken) || await PostFormAsync("login", "Log in", cancellationToken))
            {
                return;
            }

            throw new InvalidOperationException($"Could not sign in as {AdminEmail} at {baseAddress}.");
        }

        /// <summary>Fills and posts the page's form as a browser would; true when it answered with a redirect (signed in).</summary>
        private async Task<bool> PostFormAsync(string path, string button, CancellationToken cancellationToken)
        {
            using var getRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, path));
            using var get = await base.SendAsync(getRequest, cancellationToken);
            var html = await get.Content.ReadAsStringAsync(cancellationToken);
            if (get.StatusCode != HttpStatusCode.OK || !html.Contains(button, StringComparison.Ordinal))
            {
                return false;
            }

            var form = new HtmlParser().ParseDocument(html).QuerySelector("form.account-form")!;
            var fields = form.QuerySelectorAll("input[name]")
                .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
            fields["Input.Email"] = AdminEmail;
            fields["Input.Password"] = AdminPassword;
            using var postRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, path)) { Content = new FormUrlEncodedContent(fields) };
            using var post = await base.SendAsync(postRequest, cancellationToken);
            return post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
                || (allowAutoRedirect && post.RequestMessage?.RequestUri?.AbsolutePath.EndsWith("/" + path, StringComparison.Ordinal) == false);
        }
    }
}
