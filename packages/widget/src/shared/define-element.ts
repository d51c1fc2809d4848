/**
 * Registers `element` under `tag` unless the tag is taken. Registering a tag twice throws,
 * and a page may load the widget twice (two script tags, or the script tag and the npm
 * package), so the first registration wins.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
