import { svg } from 'lit';

/** A few stroke icons (24-unit paths), decorative: the text beside them carries the meaning. */
const icon = (d: ReturnType<typeof svg>) => svg`<svg class="i" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${d}</svg>`;

export const icons = {
  sync: icon(svg`<path d="M21 12a9 9 0 0 1-15.5 6.2M3 12A9 9 0 0 1 18.5 5.8"/><path d="M21 4v5h-5M3 20v-5h5"/>`),
  link: icon(svg`<path d="M10 13a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1"/><path d="M14 11a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1"/>`),
  unlink: icon(svg`<path d="M18 6 6 18M6 6l12 12"/>`),
  chevron: icon(svg`<path d="m9 6 6 6-6 6"/>`),
  search: icon(svg`<circle cx="11" cy="11" r="7"/><path d="m20 20-3.5-3.5"/>`),
  check: icon(svg`<path d="m5 12 5 5 9-10"/>`),
  alert: icon(svg`<path d="M12 3 2 20h20L12 3z"/><path d="M12 10v4M12 17h.01"/>`),
  lock: icon(svg`<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>`),
  wand: icon(svg`<path d="m4 20 12-12M15 4v3M19 8h-3M18 3l-1 1M20 6l-1 1"/>`),
};
