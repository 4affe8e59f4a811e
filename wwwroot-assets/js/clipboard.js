// Copying a link or token (Components/Clipboard.cs). Blazor cannot reach the clipboard without a little JS.
// Returns false when the browser refuses (no permission, not a secure context): the page then says to copy by hand.
export async function copy(text) {
    try {
        if (navigator.clipboard && window.isSecureContext) {
            await navigator.clipboard.writeText(text);
            return true;
        }
    } catch {
        // Fall through to the old way, which plain-http deployments still allow after a click.
    }
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
        return document.execCommand('copy');
    } catch {
        return false;
    } finally {
        area.remove();
    }
}
