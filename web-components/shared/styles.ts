import { css, unsafeCSS } from 'lit';

/** The dark palette, once: used by theme="dark" and by theme="auto" under a dark system preference. */
const darkTokens = unsafeCSS(`
--_text: var(--pax8-color-text, #e6e9ee);
--_muted: var(--pax8-color-muted, #a3adba);
--_surface: var(--pax8-color-surface, #161b22);
--_subtle: var(--pax8-color-subtle, #1f2630);
--_border: var(--pax8-color-border, #38424f);
--_primary: var(--pax8-color-primary, #3b6fe0);
--_danger: var(--pax8-color-danger, #ff8a80);
--_danger-bg: var(--pax8-color-danger-bg, #3a1716);
--_on-danger: var(--pax8-color-on-danger, #2a0b09);
--_success: var(--pax8-color-success, #6ce3a0);
--_success-bg: var(--pax8-color-success-bg, #0f2e1f);
--_warning: var(--pax8-color-warning, #f5c26b);
--_warning-bg: var(--pax8-color-warning-bg, #33260c);
--_info-bg: var(--pax8-color-info-bg, #172544);
--_focus: var(--pax8-color-focus, #8ab4ff);
color-scheme: dark;
`);

/**
 * Shared look. Each colour is a `--pax8-color-*` custom property the host may set; the fallbacks give a
 * light theme, and a dark one with `theme="dark"` (or `theme="auto"` under a dark system preference).
 * Nothing leaks: all rules live in each element's shadow root.
 */
export const baseStyles = css`
  :host {
    --_text: var(--pax8-color-text, #1f2933);
    --_muted: var(--pax8-color-muted, #52606d);
    --_surface: var(--pax8-color-surface, #ffffff);
    --_subtle: var(--pax8-color-subtle, #f4f6f8);
    --_border: var(--pax8-color-border, #d5dbe1);
    --_primary: var(--pax8-color-primary, #1d4ed8);
    --_on-primary: var(--pax8-color-on-primary, #ffffff);
    --_danger: var(--pax8-color-danger, #b42318);
    --_danger-bg: var(--pax8-color-danger-bg, #fef3f2);
    --_on-danger: var(--pax8-color-on-danger, #ffffff);
    --_success: var(--pax8-color-success, #067647);
    --_success-bg: var(--pax8-color-success-bg, #ecfdf3);
    --_warning: var(--pax8-color-warning, #93370d);
    --_warning-bg: var(--pax8-color-warning-bg, #fffaeb);
    --_info-bg: var(--pax8-color-info-bg, #eff4ff);
    --_focus: var(--pax8-color-focus, #2563eb);
    --_radius: var(--pax8-radius, 8px);
    --_space: var(--pax8-space, 8px);
    display: block;
    box-sizing: border-box;
    min-width: 0;
    font-family: var(--pax8-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--pax8-font-size, 14px);
    line-height: 1.45;
    color: var(--_text);
  }
  :host([theme='dark']) { ${darkTokens} }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) { ${darkTokens} }
  }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  .card {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    background: var(--_surface);
    min-width: 0;
    position: relative; /* keeps absolutely placed helpers (.sr-only) inside the card's clipping */
  }
  .card + .card { margin-top: calc(var(--_space) * 2); }
  .head { display: flex; align-items: center; justify-content: space-between; gap: var(--_space); flex-wrap: wrap; margin-bottom: calc(var(--_space) * 1.5); }
  h2 { margin: 0; font-size: 1.15rem; font-weight: 600; }
  h3 { margin: 0 0 var(--_space); font-size: 1rem; font-weight: 600; }
  p { margin: 0 0 var(--_space); }
  .muted { color: var(--_muted); }
  .small { font-size: 0.86rem; }
  .row { display: flex; gap: var(--_space); align-items: center; flex-wrap: wrap; }
  .stack > * + * { margin-top: var(--_space); }
  .note { border-radius: 6px; padding: var(--_space) calc(var(--_space) * 1.5); margin: var(--_space) 0; border: 1px solid transparent; overflow-wrap: anywhere; }
  .note.error { color: var(--_danger); background: var(--_danger-bg); border-color: color-mix(in srgb, var(--_danger) 35%, transparent); }
  .note.ok { color: var(--_success); background: var(--_success-bg); border-color: color-mix(in srgb, var(--_success) 35%, transparent); }
  .note.warn { color: var(--_warning); background: var(--_warning-bg); border-color: color-mix(in srgb, var(--_warning) 35%, transparent); }
  .note.info { background: var(--_info-bg); }
  .error-text { color: var(--_danger); }
  .badge {
    display: inline-flex; align-items: center; gap: 4px; padding: 1px 8px; border-radius: 999px;
    font-size: 0.78rem; font-weight: 600; white-space: nowrap; border: 1px solid transparent; line-height: 1.5;
  }
  .badge.ok { color: var(--_success); background: var(--_success-bg); }
  .badge.warn { color: var(--_warning); background: var(--_warning-bg); }
  .badge.error { color: var(--_danger); background: var(--_danger-bg); }
  .badge.neutral { color: var(--_muted); background: var(--_subtle); border-color: var(--_border); }
  button, .button {
    font: inherit; display: inline-flex; align-items: center; justify-content: center; gap: 6px;
    min-height: 34px; padding: 5px 12px; border-radius: 6px; cursor: pointer; white-space: nowrap;
    border: 1px solid var(--_border); background: var(--_surface); color: var(--_text); text-decoration: none;
  }
  button:hover:not(:disabled) { background: var(--_subtle); }
  button.primary { background: var(--_primary); color: var(--_on-primary); border-color: transparent; }
  button.primary:hover:not(:disabled) { background: color-mix(in srgb, var(--_primary) 85%, black); }
  button.danger { color: var(--_danger); border-color: color-mix(in srgb, var(--_danger) 45%, transparent); }
  button.danger.solid { background: var(--_danger); color: var(--_on-danger); }
  button.icon { min-height: 30px; padding: 4px 8px; }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  :focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
  label { display: block; margin: calc(var(--_space) * 1.25) 0 4px; font-weight: 500; }
  input[type='text'], input[type='password'], input[type='search'], input[type='number'], input[type='month'], select {
    font: inherit; color: var(--_text); background: var(--_surface); min-height: 34px;
    padding: 5px 9px; border: 1px solid var(--_border); border-radius: 6px; width: 100%; min-width: 0;
  }
  input[aria-invalid='true'] { border-color: var(--_danger); }
  .field-error { color: var(--_danger); font-size: 0.86rem; margin: 4px 0 0; }
  .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  svg.i { width: 16px; height: 16px; flex: none; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
  .spinner { width: 16px; height: 16px; border-radius: 50%; border: 2px solid var(--_border); border-top-color: var(--_primary); animation: spin 0.8s linear infinite; display: inline-block; }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 3s; } }
  @media (forced-colors: active) { .badge, .note { border-color: CanvasText; } }
`;
