// The persistent player bar and the track page waveform. Everything here reacts to media events in the page, so
// playback (seeking, progress, handing a song over to the bar) never needs a server round trip.
//
// - Starting any player pauses every other one: one song at a time.
// - The bar mirrors whichever `audio.song-player` is playing (title, time, play/pause).
// - When that player leaves the page (in-app navigation re-renders the page), the bar's own audio continues the
//   same song from the same second.
// - `svg.waveform[data-audio-src]` seeks its audio on click and shows progress from `timeupdate`.

const songPlayerSelector = 'audio.song-player';

let installed = false;
let current = null; // the audio element the bar mirrors: a page player, or the bar's own audio after a handoff

const bar = () => document.querySelector('.player-bar');
const barAudio = () => document.querySelector('audio.player-bar-audio');
const isBarAudio = el => el instanceof HTMLMediaElement && el.matches('audio.player-bar-audio');
const isSongPlayer = el => el instanceof HTMLMediaElement && (el.matches(songPlayerSelector) || isBarAudio(el));

/** Same-origin path and query of a media element's source: how a waveform finds its audio and the bar its track. */
function sourcePath(el) {
    const raw = el.getAttribute('src') ?? el.getAttribute('data-audio-src');
    if (!raw) {
        return '';
    }
    const url = new URL(raw, document.baseURI);
    return url.origin === location.origin ? url.pathname + url.search : url.href;
}

function titleOf(el) {
    if (el.dataset.title) {
        return el.dataset.title;
    }
    const label = el.getAttribute('aria-label') ?? '';
    return label.startsWith('Play ') ? label.slice(5) : (label || 'Untitled');
}

function trackLinkOf(el) {
    // Under a path base (https://host/music/media/{id}) the media path has a prefix; links stay relative to <base>.
    const match = /\/media\/([0-9a-f-]{36})$/i.exec(sourcePath(el));
    return match ? `tracks/${match[1]}` : null;
}

function formatTime(seconds) {
    if (!Number.isFinite(seconds) || seconds < 0) {
        return '0:00';
    }
    const whole = Math.floor(seconds);
    return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

function renderBar() {
    const element = bar();
    if (!element) {
        return;
    }
    if (!current) {
        element.hidden = true;
        return;
    }
    element.hidden = false;
    const playing = !current.paused && !current.ended;
    element.dataset.state = playing ? 'playing' : 'paused';
    const toggle = element.querySelector('.player-bar-toggle');
    toggle?.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    const title = element.querySelector('.player-bar-title');
    if (title) {
        title.textContent = element.dataset.title ?? '';
        const href = element.dataset.href;
        if (href) {
            title.setAttribute('href', href);
        } else {
            title.removeAttribute('href');
        }
    }
    const time = element.querySelector('.player-bar-time');
    if (time) {
        time.textContent = `${formatTime(current.currentTime)} / ${formatTime(current.duration)}`;
    }
    const progress = element.querySelector('.player-bar-progress-fill');
    if (progress) {
        const fraction = current.duration > 0 ? current.currentTime / current.duration : 0;
        progress.style.width = `${Math.min(100, fraction * 100)}%`;
    }
}

function mirror(el) {
    current = el;
    const element = bar();
    if (element && !isBarAudio(el)) {
        // The bar's audio keeps the title and link of the song it took over.
        element.dataset.title = titleOf(el);
        element.dataset.href = trackLinkOf(el) ?? '';
    }
    renderBar();
}

function pauseAllExcept(playing) {
    for (const media of document.querySelectorAll('audio, video')) {
        if (media !== playing && !media.paused) {
            media.pause();
        }
    }
}

function updateWaveforms(el) {
    const path = sourcePath(el);
    if (!path) {
        return;
    }
    const fraction = el.duration > 0 ? Math.min(1, el.currentTime / el.duration) : 0;
    for (const svg of document.querySelectorAll('svg.waveform')) {
        if (sourcePath(svg) !== path) {
            continue;
        }
        const bars = svg.viewBox.baseVal?.width || 0;
        svg.querySelector('.waveform-progress')?.setAttribute('width', String(fraction * bars));
    }
}

/** The page player left the DOM (navigation): the bar's own audio carries on from the same second. */
function handOff(el, keepPlaying) {
    const audio = barAudio();
    if (!audio || current !== el) {
        return;
    }
    const position = el.currentTime;
    const source = el.currentSrc || el.src;
    el.pause();
    audio.muted = el.muted;
    audio.volume = el.volume;
    if (audio.src !== source) {
        audio.src = source;
    }
    seekTo(audio, position);
    current = audio;
    renderBar();
    if (keepPlaying) {
        audio.play().catch(() => renderBar());
    }
}

function seekTo(audio, seconds) {
    if (audio.readyState >= HTMLMediaElement.HAVE_METADATA) {
        audio.currentTime = seconds;
        return;
    }
    // Before metadata the position is remembered as the start position; set it again once it is known.
    audio.currentTime = seconds;
    audio.addEventListener('loadedmetadata', () => {
        if (Math.abs(audio.currentTime - seconds) > 0.25) {
            audio.currentTime = seconds;
        }
    }, { once: true });
}

function onDetachedPause(event) {
    const el = event.target;
    if (!el.isConnected && current === el) {
        handOff(el, true);
    }
}

function onPlay(event) {
    const el = event.target;
    if (!(el instanceof HTMLMediaElement)) {
        return;
    }
    pauseAllExcept(el);
    if (!isSongPlayer(el)) {
        return;
    }
    const audio = barAudio();
    if (!isBarAudio(el) && audio && audio.src === el.src && el.currentTime === 0 && audio.currentTime > 0 && !audio.ended) {
        // Back on the page of the song the bar was playing: continue where it was rather than from the start.
        el.currentTime = audio.currentTime;
    }
    if (!isBarAudio(el)) {
        // Removal fires `pause` on the detached element only (it no longer reaches document listeners).
        el.removeEventListener('pause', onDetachedPause);
        el.addEventListener('pause', onDetachedPause);
    }
    mirror(el);
}

function onMediaEvent(event) {
    const el = event.target;
    if (!(el instanceof HTMLMediaElement) || !isSongPlayer(el)) {
        return;
    }
    updateWaveforms(el);
    if (el === current) {
        renderBar();
    }
}

function seekFromWaveform(svg, clientX) {
    const path = sourcePath(svg);
    const box = svg.getBoundingClientRect();
    if (!path || box.width <= 0) {
        return;
    }
    const fraction = Math.min(1, Math.max(0, (clientX - box.left) / box.width));
    // The song the bar is carrying wins over the page's idle copy of it.
    const target = current && sourcePath(current) === path
        ? current
        : [...document.querySelectorAll(songPlayerSelector)].find(a => sourcePath(a) === path);
    if (!target) {
        return;
    }
    const apply = () => {
        target.currentTime = fraction * target.duration;
        updateWaveforms(target);
    };
    if (target.readyState >= HTMLMediaElement.HAVE_METADATA && Number.isFinite(target.duration)) {
        apply();
    } else {
        target.addEventListener('loadedmetadata', apply, { once: true });
        if (target.preload === 'none') {
            target.load();
        }
    }
}

function onClick(event) {
    if (!(event.target instanceof Element)) {
        return;
    }
    const svg = event.target.closest('svg.waveform');
    if (svg) {
        seekFromWaveform(svg, event.clientX);
        return;
    }
    if (event.target.closest('.player-bar-toggle') && current) {
        if (current.paused || current.ended) {
            current.play().catch(() => renderBar());
        } else {
            current.pause();
        }
        return;
    }
    if (event.target.closest('.player-bar-close')) {
        close();
    }
}

function close() {
    if (current) {
        current.pause();
    }
    const audio = barAudio();
    if (audio) {
        audio.pause();
        audio.removeAttribute('src');
        audio.load();
    }
    current = null;
    renderBar();
}

/** Installs the document-level listeners once per page load; later calls only refresh the bar. */
export function install() {
    if (installed) {
        renderBar();
        return;
    }
    installed = true;
    // Media events do not bubble; capture listeners on the document still see them for attached elements.
    document.addEventListener('play', onPlay, true);
    for (const type of ['pause', 'timeupdate', 'seeked', 'loadedmetadata', 'durationchange', 'ended']) {
        document.addEventListener(type, onMediaEvent, true);
    }
    document.addEventListener('click', onClick);
    // The first sign that the page player was removed: hand over before the browser pauses it.
    new MutationObserver(() => {
        if (current && !isBarAudio(current) && !current.isConnected) {
            handOff(current, !current.paused);
        }
    }).observe(document.body, { childList: true, subtree: true });
    renderBar();
}
