// The script-tag entry, an ES module: `<script type="module" src=".../duly.js">`. It
// registers what the first screen of `<duly-portal>` needs (the portal, the account summary
// and the invoice list) at once. Every other element is registered by a chunk of its own,
// fetched from the folder of `duly.js` when the portal needs it, once the portal's first
// screen is shown, or as soon as the element appears in the page. Elements already in the
// page when this runs are upgraded then; later ones as they appear.
import './account-summary/define.js';
import './invoice-list/define.js';
import { LAZY_ELEMENTS, LazyElements } from './lazy-elements.js';
import { DulyPortal } from './portal/duly-portal.js';
import { defineElement } from './shared/define-element.js';

const lazyElements = new LazyElements(LAZY_ELEMENTS);

/** `<duly-portal>` that fetches the chunks of the parts it renders. */
class ScriptTagPortal extends DulyPortal {
  protected override loadElement(tag: string): Promise<void> {
    return lazyElements.load(tag);
  }
}

defineElement('duly-portal', ScriptTagPortal);
lazyElements.watch(document);
