import { css } from 'lit';

/** Base styles every element shares; colours come from --pax8-* custom properties with neutral fallbacks. */
export const baseStyles = css`
  :host {
    display: block;
    font-family: var(--pax8-font-family, system-ui, sans-serif);
    color: var(--pax8-color-text, #1f2933);
  }
  .card {
    border: 1px solid var(--pax8-color-border, #d9dee3);
    border-radius: var(--pax8-radius, 8px);
    padding: 16px;
    background: var(--pax8-color-surface, #fff);
  }
  h2 { margin: 0 0 8px; font-size: 1.1rem; }
  .muted { color: var(--pax8-color-muted, #5f6b7a); font-size: 0.9rem; }
  .error { color: var(--pax8-color-danger, #b42318); }
  .ok { color: var(--pax8-color-success, #067647); }
  button {
    font: inherit; padding: 6px 12px; border-radius: 6px; cursor: pointer;
    border: 1px solid var(--pax8-color-border, #d9dee3); background: var(--pax8-color-surface, #fff);
  }
  button.primary { background: var(--pax8-color-primary, #1d4ed8); color: #fff; border-color: transparent; }
  button:disabled { opacity: 0.6; cursor: default; }
  label { display: block; margin: 8px 0 4px; font-size: 0.9rem; }
  input[type='text'], input[type='password'] { font: inherit; padding: 6px 8px; width: 100%; box-sizing: border-box; }
`;
