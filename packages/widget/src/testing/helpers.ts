import { waitUntil } from '@open-wc/testing';

/** Returns where to search: an element's shadow root when it has one, else the element. */
function scope(root: Element): ParentNode {
  return root.shadowRoot ?? root;
}

/** Returns every element matching `selector` inside `root` (inside its shadow root when it has one). */
export function all<T extends Element = HTMLElement>(root: Element, selector: string): T[] {
  return [...scope(root).querySelectorAll<T>(selector)];
}

/** Returns the first element matching `selector` inside `root`; throws naming both when none does. */
export function one<T extends Element = HTMLElement>(root: Element, selector: string): T {
  const found = scope(root).querySelector<T>(selector);
  if (!found) throw new Error(`No ${selector} in <${root.localName}>`);
  return found;
}

/** Waits until `selector` matches inside `host`'s shadow root, and returns it. */
export async function find<T extends Element = HTMLElement>(
  host: Element,
  selector: string,
): Promise<T> {
  await waitUntil(() => host.shadowRoot?.querySelector(selector), `waiting for ${selector}`);
  return one<T>(host, selector);
}

/** Returns the text of an element with its whitespace collapsed. */
export function text(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Types `value` into an input the way a person does, firing `input` events. */
export function typeInto(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Returns the focused element, looking inside every open shadow root on the way down. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
