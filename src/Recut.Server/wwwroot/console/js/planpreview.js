// The plan as the user types: POST /api/v1/plans a moment after the last keystroke, and example instructions
// that fill the box. Only the latest answer is shown, so a slow reply never overwrites a newer one.
import { api } from './api.js';
import { h } from './dom.js';

const EXAMPLES = [
  'Give the video the colour look of the reference image',
  'put the logo in the bottom-left corner',
  'blur the background and warm it up a bit',
  "it's way too bright",
  'no sepia, just flip it',
  '把视频调成参考图的色调',
  '背景虚化，人物不要动',
  '把标志放到bottom left',
];

export function setupPlanPreview({ prompt, examples, preview, referenceCount }) {
  let timer = 0;
  let asked = 0;

  const show = (...children) => preview.replaceChildren(...children);

  async function refresh() {
    const text = prompt.value;
    const mine = ++asked;
    if (!text.trim()) {
      show();
      return;
    }
    try {
      const { plan } = await api.plan(text, Math.min(5, referenceCount()));
      if (mine !== asked) return;
      if (!plan.supported) {
        show(h('p', { class: 'plan-refused' }, `Would fail with ${plan.code}: ${plan.message}`));
        return;
      }
      show(
        h('p', { class: 'hint' }, 'Plan:'),
        h('ol', {}, plan.steps.map((s) => h('li', {}, s.description))),
        plan.notes.length ? h('ul', { class: 'hint' }, plan.notes.map((n) => h('li', {}, n))) : null,
      );
    } catch (err) {
      if (mine === asked) show(h('p', { class: 'hint' }, `No plan preview: ${err.message}`));
    }
  }

  prompt.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  examples.replaceChildren(...EXAMPLES.map((text) => h('li', {}, h('button', {
    type: 'button',
    class: 'example',
    onclick: () => {
      prompt.value = text;
      prompt.dispatchEvent(new Event('input'));
      prompt.focus();
    },
  }, text))));
}
