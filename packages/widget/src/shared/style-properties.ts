import { noChange } from 'lit';
import {
  type AttributePart,
  Directive,
  directive,
  type PartInfo,
  PartType,
} from 'lit/directive.js';

/** CSS property names in kebab case, such as `width` or `--_brand-primary`, with their values. */
export type StyleProperties = Readonly<Record<string, string>>;

/**
 * Sets CSS properties on an element through its `style` object on every render, the first
 * included. Lit's `styleMap` writes the `style` attribute on the first render, which a
 * Content-Security-Policy without `'unsafe-inline'` in `style-src` blocks (as on the hosted
 * pages), while changes through the CSSOM are allowed.
 */
class StylePropertiesDirective extends Directive {
  #applied = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ATTRIBUTE || partInfo.name !== 'style') {
      throw new Error('styleProperties() must be the whole value of a style attribute binding.');
    }
  }

  render(_properties: StyleProperties): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [properties]: [StyleProperties]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const name of this.#applied) {
      if (!Object.hasOwn(properties, name)) style.removeProperty(name);
    }
    for (const [name, value] of Object.entries(properties)) style.setProperty(name, value);
    this.#applied = new Set(Object.keys(properties));
    return noChange;
  }
}

/** Sets CSS properties through the CSSOM, which a strict Content-Security-Policy allows. */
export const styleProperties = directive(StylePropertiesDirective);
