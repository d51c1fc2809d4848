import { html, type TemplateResult } from 'lit';

export interface TablistOptions<Key extends string> {
  keys: readonly Key[];
  selected: Key;
  /** The accessible name of the tab list. */
  label: string;
  text: (key: Key) => string;
  /** The id of the panel each tab controls, in the same shadow root. */
  panelId: (key: Key) => string;
  /** Selects a tab; `moveFocus` is true when the keyboard moved to it. */
  select: (key: Key, moveFocus: boolean) => void;
}

/**
 * Renders an ARIA tab list: one tab in the tab order, arrow keys, Home and End move
 * between tabs. Each tab is `#tab-<key>` with `data-tab="<key>"`.
 */
export function renderTablist<Key extends string>(options: TablistOptions<Key>): TemplateResult {
  const { keys, selected } = options;
  const onKeydown = (event: KeyboardEvent) => {
    const index = keys.indexOf(selected);
    const targets: Record<string, number> = {
      ArrowRight: (index + 1) % keys.length,
      ArrowLeft: (index - 1 + keys.length) % keys.length,
      Home: 0,
      End: keys.length - 1,
    };
    const target = targets[event.key];
    if (target === undefined) return;
    event.preventDefault();
    options.select(keys[target] as Key, true);
  };
  return html`<div
    class="tabs"
    part="tabs"
    role="tablist"
    aria-label=${options.label}
    @keydown=${onKeydown}
  >
    ${keys.map(
      (key) => html`<button
        class="tab"
        type="button"
        role="tab"
        id=${`tab-${key}`}
        data-tab=${key}
        aria-selected=${key === selected ? 'true' : 'false'}
        aria-controls=${options.panelId(key)}
        tabindex=${key === selected ? '0' : '-1'}
        @click=${() => options.select(key, false)}
      >
        ${options.text(key)}
      </button>`,
    )}
  </div>`;
}
