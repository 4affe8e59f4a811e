using Microsoft.Playwright;

namespace MinimaxMusic.Web.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright (no browser download), one browser per test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>
    /// Opens a page as the signed-in team admin (through the real /setup or /login form when the app sends the
    /// browser there) and waits until the Blazor circuit is live (typing earlier is lost).
    /// </summary>
    public static async Task<IPage> OpenInteractiveAsync(IBrowserContext context, Uri url)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(url.ToString());
        var landed = new Uri(page.Url);
        if (landed.AbsolutePath != url.AbsolutePath)
        {
            await TeamAccount.SignInAsync(page);
            if (new Uri(page.Url).PathAndQuery != url.PathAndQuery)
            {
                await page.GotoAsync(url.ToString());
            }
        }

        await page.Locator("#app-root[data-interactive='true']").WaitForAsync(new() { Timeout = 30_000 });
        return page;
    }
}
