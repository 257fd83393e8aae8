// Before/after view: the source and the result play in sync, side by side or stacked under a wipe slider
// (the result is clipped with CSS clip-path to the right of the wipe line). The result is the clock; the source
// follows it, because the result may be cut shorter than the source (duration parameter).
import { h, formatSeconds } from './dom.js';

const DRIFT = 0.08;

export function compareView(sourceUrl, resultUrl) {
  const after = h('video', { id: 'result-video', src: resultUrl, preload: 'auto', playsinline: true, 'aria-label': 'Result video' });
  const before = sourceUrl
    ? h('video', { id: 'before-video', src: sourceUrl, preload: 'auto', playsinline: true, muted: true, 'aria-label': 'Source video' })
    : null;
  if (before) before.muted = true;

  const stage = h('div', { class: 'stage' },
    before ? h('figure', { class: 'pane before' }, before, h('figcaption', {}, 'Before')) : null,
    h('figure', { class: 'pane after' }, after, h('figcaption', {}, 'After')),
    h('div', { class: 'wipe-line', 'aria-hidden': 'true' }));
  const root = h('div', { class: 'compare', 'data-mode': before ? 'side' : 'single' });

  const play = h('button', { type: 'button', id: 'play-pause', class: 'primary' }, 'Play');
  const seek = h('input', { type: 'range', id: 'seek', min: 0, max: 1000, value: 0, step: 1, 'aria-label': 'Position' });
  const clock = h('span', { class: 'clock', 'aria-live': 'off' }, '0.0 s / –');
  const sound = h('button', { type: 'button', id: 'sound', 'aria-pressed': 'false' }, 'Sound off');
  after.muted = true;

  const syncSource = (force) => {
    if (!before) return;
    const target = Math.min(after.currentTime, Number.isFinite(before.duration) ? before.duration : after.currentTime);
    if (force || Math.abs(before.currentTime - target) > DRIFT) before.currentTime = target;
  };
  const showTime = () => {
    const d = after.duration;
    clock.textContent = `${formatSeconds(after.currentTime)} / ${formatSeconds(d)}`;
    if (Number.isFinite(d) && d > 0 && document.activeElement !== seek) seek.value = String(Math.round((after.currentTime / d) * 1000));
  };

  play.addEventListener('click', async () => {
    if (after.paused) {
      if (after.ended) after.currentTime = 0;
      syncSource(true);
      try {
        await Promise.all([after.play(), before?.play()]);
      } catch { /* autoplay refused: the user presses again */ }
    } else {
      after.pause();
    }
  });
  after.addEventListener('play', () => { play.textContent = 'Pause'; });
  after.addEventListener('pause', () => { play.textContent = 'Play'; before?.pause(); syncSource(true); });
  after.addEventListener('ended', () => { before?.pause(); });
  after.addEventListener('timeupdate', () => { syncSource(false); showTime(); });
  after.addEventListener('loadedmetadata', showTime);
  after.addEventListener('seeked', () => syncSource(true));
  seek.addEventListener('input', () => {
    if (Number.isFinite(after.duration)) after.currentTime = (Number(seek.value) / 1000) * after.duration;
  });
  sound.addEventListener('click', () => {
    after.muted = !after.muted;
    sound.setAttribute('aria-pressed', String(!after.muted));
    sound.textContent = after.muted ? 'Sound off' : 'Sound on';
  });

  const controls = [h('div', { class: 'transport' }, play, seek, clock, sound)];
  if (before) {
    const wipe = h('input', { type: 'range', id: 'wipe', min: 0, max: 100, value: 50, 'aria-label': 'Wipe position: left shows before, right shows after' });
    const setWipe = () => stage.style.setProperty('--wipe', `${wipe.value}%`);
    wipe.addEventListener('input', setWipe);
    setWipe();
    const modeButtons = [['side', 'Side by side'], ['wipe', 'Wipe']].map(([mode, label]) => h('button', {
      type: 'button', 'data-mode-button': mode, 'aria-pressed': String(mode === 'side'),
      onclick: () => {
        root.dataset.mode = mode;
        for (const b of modeButtons) b.setAttribute('aria-pressed', String(b.dataset.modeButton === mode));
        wipeRow.hidden = mode !== 'wipe';
      },
    }, label));
    const wipeRow = h('label', { class: 'wipe-row', hidden: true }, h('span', {}, 'Before'), wipe, h('span', {}, 'After'));
    root.append(h('div', { class: 'mode', role: 'group', 'aria-label': 'Comparison' }, modeButtons));
    controls.unshift(wipeRow);
  } else {
    root.append(h('p', { class: 'hint' }, 'The source video is not playable here (a file picked in another session, or an oss:// link), so only the result is shown.'));
  }
  root.append(stage, ...controls);
  return root;
}
