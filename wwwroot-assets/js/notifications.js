// Browser notifications for finished songs. Blazor cannot reach the Notification API without a little JS.
export function permission() {
    return "Notification" in window ? Notification.permission : "unsupported";
}

export async function request() {
    return "Notification" in window ? await Notification.requestPermission() : "unsupported";
}

// Shown only when the person is looking elsewhere (another tab or app); in the app the toast says it.
export function show(title, body, url) {
    if (!("Notification" in window) || Notification.permission !== "granted") {
        return false;
    }
    if (document.visibilityState === "visible" && document.hasFocus()) {
        return false;
    }
    const notification = new Notification(title, { body, tag: url });
    notification.onclick = () => {
        window.focus();
        // In-app navigation keeps the circuit (and the player bar) alive.
        if (window.Blazor && typeof window.Blazor.navigateTo === "function") {
            window.Blazor.navigateTo(url);
        } else {
            window.location.assign(url);
        }
        notification.close();
    };
    return true;
}
