import { svg, type TemplateResult } from 'lit';

/**
 * Small inline icons, drawn with `currentColor` so they take the colour of their text.
 * They are decorative: the word next to each icon carries the meaning.
 */
function icon(paths: TemplateResult): TemplateResult {
  return svg`<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;
}

export const checkIcon = icon(
  svg`<circle cx="8" cy="8" r="6.5"/><path d="M5.2 8.2l1.9 1.9 3.7-4"/>`,
);
export const clockIcon = icon(svg`<circle cx="8" cy="8" r="6.5"/><path d="M8 4.5V8l2.3 1.6"/>`);
export const alertIcon = icon(
  svg`<path d="M8 1.8l6.6 11.7H1.4z"/><path d="M8 6.3v3.2"/><circle cx="8" cy="11.6" r=".4" fill="currentColor"/>`,
);
export const halfIcon = icon(
  svg`<circle cx="8" cy="8" r="6.5"/><path d="M8 1.5v13A6.5 6.5 0 0 0 8 1.5z" fill="currentColor" stroke="none"/>`,
);
export const slashIcon = icon(svg`<circle cx="8" cy="8" r="6.5"/><path d="M3.5 12.5l9-9"/>`);
export const draftIcon = icon(svg`<path d="M3 13h2.5l7-7-2.5-2.5-7 7z"/>`);
export const backIcon = icon(svg`<path d="M10 3.5L5.5 8l4.5 4.5"/>`);
export const cardIcon = icon(
  svg`<rect x="1.5" y="3.5" width="13" height="9" rx="1.5"/><path d="M1.5 6.5h13"/>`,
);
export const inboxIcon = icon(
  svg`<path d="M1.8 9.2L3.6 3.5h8.8l1.8 5.7v3.3H1.8z"/><path d="M1.8 9.2h3.6l.9 1.6h3.4l.9-1.6h3.6"/>`,
);
export const retryIcon = icon(
  svg`<path d="M13.2 8A5.2 5.2 0 1 1 11.7 4.3"/><path d="M12.2 1.8v2.8H9.4"/>`,
);
