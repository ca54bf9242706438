/*
 * The portal's only stylesheet and script, served from this origin (the CSP allows nothing else).
 * Colours meet WCAG 2.1 AA contrast (4.5:1 for text, 3:1 for borders and focus rings) on white.
 */
export const STYLESHEET = `
:root { --ink: #1b1f24; --muted: #4a5260; --line: #767f8c; --accent: #0b5cad; --accent-ink: #fff;
  --bad: #a4161a; --good: #1d6b35; --paper: #fff; --wash: #f2f4f7; font-family: system-ui, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: var(--paper); line-height: 1.5; font-size: 1rem; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible,
  main:focus-visible, [tabindex]:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; }
.skip:focus { left: .5rem; z-index: 2; }
header.site { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; justify-content: space-between;
  padding: .75rem 1rem; background: var(--wash); border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; font-size: 1.25rem; text-decoration: none; color: var(--ink); }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
nav a[aria-current="page"] { font-weight: 700; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; }
.stack { display: grid; gap: 1rem; max-width: 32rem; }
.field { display: grid; gap: .25rem; }
.field label { font-weight: 600; }
.hint { margin: 0; color: var(--muted); font-size: .925rem; }
.error { margin: 0; color: var(--bad); font-weight: 600; }
.field.invalid input, .field.invalid select, .field.invalid textarea { border-color: var(--bad); border-width: 2px; }
input, select, textarea { font: inherit; padding: .5rem; border: 1px solid var(--line); border-radius: 4px;
  min-height: 2.75rem; width: 100%; background: var(--paper); color: var(--ink); }
button, .button { font: inherit; font-weight: 600; padding: .6rem 1.1rem; min-height: 2.75rem; border-radius: 4px;
  border: 2px solid var(--accent); background: var(--accent); color: var(--accent-ink); cursor: pointer;
  text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: var(--paper); color: var(--accent); }
button.danger { background: var(--bad); border-color: var(--bad); }
button.link { background: none; border: none; color: var(--accent); text-decoration: underline; padding: 0;
  min-height: auto; font-weight: 400; }
form.inline { display: inline; }
.notice { border-left: 4px solid var(--good); background: #eaf5ee; padding: .5rem 1rem; }
.warning { border-left: 4px solid #8a5a00; background: #fff6e0; padding: .5rem 1rem; }
.error-summary { border: 2px solid var(--bad); padding: .5rem 1rem; margin-bottom: 1rem; }
.error-summary a { color: var(--bad); font-weight: 600; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
/* A table wider than a phone scrolls sideways; a shadow at the edge shows there is more. */
.table-wrap { overflow-x: auto; background: linear-gradient(to right, var(--paper) 30%, #fff0),
  linear-gradient(to left, var(--paper) 30%, #fff0) 100% 0, radial-gradient(farthest-side at 0 50%, #0003, #0000),
  radial-gradient(farthest-side at 100% 50%, #0003, #0000) 100% 0; background-repeat: no-repeat;
  background-size: 2.5rem 100%, 2.5rem 100%, .9rem 100%, .9rem 100%;
  background-attachment: local, local, scroll, scroll; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.account-code { display: block; font-size: .8rem; word-break: break-all; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; margin-bottom: 1rem; }
.filters .field { flex: 1 1 12rem; }
.filters .actions { margin: 0; }
.qr svg { width: 12rem; height: 12rem; }
.secret { font-size: 1.1rem; letter-spacing: .05em; word-break: break-all; }
.status { display: inline-block; padding: 0 .5rem; border: 1px solid var(--line); border-radius: 1rem; }
ol.timeline { padding-left: 1.25rem; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin: 1rem 0; }
fieldset { border: 1px solid var(--line); border-radius: 4px; padding: .75rem 1rem; }
fieldset.papers > .hint { margin-bottom: .75rem; }
legend { font-weight: 600; padding: 0 .25rem; }
ul.cards { list-style: none; padding: 0; display: grid; gap: 1rem; }
ul.cards > li { border: 1px solid var(--line); border-radius: 4px; padding: 0 1rem; }
label.check { display: flex; gap: .5rem; align-items: center; min-height: 2.75rem; font-weight: 400; }
label.check input { width: auto; min-height: auto; }
ol.trace li { margin-bottom: .25rem; }
@media (max-width: 40rem) { header.site { display: block; } nav ul { margin-top: .5rem; } h1 { font-size: 1.35rem; }
  main { padding: .75rem; } th, td { padding: .35rem .4rem; font-size: .925rem; } }
`;

/** Progressive enhancement only: every page works without it. */
export const SCRIPT = `
document.addEventListener('DOMContentLoaded', () => {
  const summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
  // The what-if plan, fetched as the fields are typed (the form's own GET still works without this).
  for (const form of document.querySelectorAll('form[data-live-plan]')) {
    let timer;
    let asked = '';
    const refresh = () => {
      const fields = new FormData(form);
      fields.delete('_csrf');
      fields.delete('idempotencyKey');
      // The papers' file inputs stay out of the address.
      for (const [name, value] of [...fields]) if (typeof value !== 'string') fields.delete(name);
      const query = new URLSearchParams(fields).toString();
      if (query === asked) return;
      asked = query;
      fetch(form.dataset.livePlan + '?' + query, { credentials: 'same-origin' })
        .then((reply) => (reply.ok ? reply.text() : null))
        .then((html) => {
          const plan = document.getElementById('plan');
          if (!html || !plan || query !== asked) return;
          const fresh = document.createElement('template');
          fresh.innerHTML = html;
          plan.replaceChildren(...fresh.content.firstElementChild.childNodes);
        })
        .catch(() => {});
    };
    form.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    });
    form.addEventListener('change', refresh);
  }
});
`;
