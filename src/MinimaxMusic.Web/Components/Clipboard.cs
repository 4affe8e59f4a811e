using Microsoft.JSInterop;

namespace MinimaxMusic.Web.Components;

/// <summary>
/// Copies text to the person's clipboard (wwwroot-assets/js/clipboard.js; Blazor cannot reach it without JS). One
/// module per circuit, loaded on first use: share links, invite links and API tokens all copy through here.
/// </summary>
internal sealed class Clipboard(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    /// <summary>True when copied; false when the browser refused (the page then says to copy from the field).</summary>
    public async Task<bool> CopyAsync(string text)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/clipboard.js");
            return await _module.InvokeAsync<bool>("copy", text);
        }
        catch (JSException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the module.
            }
        }
    }
}
