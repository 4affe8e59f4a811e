// Caret handling for the lyrics textarea: Blazor cannot read or place the caret without a little JS.
export function caret(selector) {
    const element = document.querySelector(selector);
    return element ? element.selectionStart : -1;
}

export function placeCaret(selector, position) {
    const element = document.querySelector(selector);
    if (element) {
        element.focus();
        element.setSelectionRange(position, position);
    }
}
