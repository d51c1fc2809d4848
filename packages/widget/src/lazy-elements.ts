/** Imports the chunk whose module registers an element. */
type ChunkImport = () => Promise<unknown>;

/**
 * The elements that the first screen of `<duly-portal>` does not need, each with the chunk
 * that registers it. Vite turns every `import()` here into a file of its own next to
 * `duly.js`, which the browser fetches only when the chunk is loaded.
 */
export const LAZY_ELEMENTS: Readonly<Record<string, ChunkImport>> = {
  'duly-invoice-detail': () => import('./invoice-detail/define.js'),
  'duly-pay': () => import('./pay/define.js'),
  'duly-receipt': () => import('./receipt/define.js'),
  'duly-payments': () => import('./payments/define.js'),
  'duly-payment-methods': () => import('./payment-methods/define.js'),
  'duly-autopay': () => import('./autopay/define.js'),
  'duly-payment-notice': () => import('./payment-notice/define.js'),
  'duly-statement': () => import('./statement/define.js'),
  'duly-invoice-threads': () => import('./threads/define.js'),
  'duly-account': () => import('./account/define.js'),
  'duly-credit-limit': () => import('./account/define.js'),
  'duly-billing-details': () => import('./account/define.js'),
  'duly-subscriptions': () => import('./subscriptions/define.js'),
  'duly-hosted-pay': () => import('./hosted/define.js'),
};

/**
 * Loads the chunks of lazily registered elements, each at most once at a time. A failed
 * load is forgotten, so that the next request for the element tries again.
 */
export class LazyElements {
  readonly #chunks: Readonly<Record<string, ChunkImport>>;
  readonly #loads = new Map<string, Promise<void>>();
  #observer?: MutationObserver;

  constructor(chunks: Readonly<Record<string, ChunkImport>>) {
    this.#chunks = chunks;
  }

  /**
   * Resolves once `tag` is registered, loading its chunk when needed. Rejects with the
   * import's error when the chunk cannot be fetched, and with a `TypeError` for a tag that
   * no chunk registers.
   */
  load(tag: string): Promise<void> {
    if (customElements.get(tag)) return Promise.resolve();
    const importChunk = this.#chunks[tag];
    if (!importChunk) {
      return Promise.reject(new TypeError(`duly.js: no chunk registers <${tag}>.`));
    }

    let load = this.#loads.get(tag);
    if (!load) {
      // NOTE: some browsers keep a failed module fetch in their module map, so a retry may
      // fail again until the page is reloaded.
      load = importChunk().then(
        () => {
          this.#loads.delete(tag);
        },
        (error: unknown) => {
          this.#loads.delete(tag);
          throw error;
        },
      );
      this.#loads.set(tag, load);
    }
    return load;
  }

  /**
   * Loads the chunk of every lazy element in `root`'s light DOM now, and of those added to
   * it later, so that a page that uses `<duly-pay>` on its own still gets it registered.
   * Elements inside a shadow root are loaded by the element that renders them.
   */
  watch(root: Document): void {
    const selector = Object.keys(this.#chunks).join(',');
    const loadWithin = (node: Node) => {
      if (!(node instanceof Element)) return;
      const found = node.matches(selector) ? [node] : [];
      for (const element of [...found, ...node.querySelectorAll(selector)]) {
        this.load(element.localName).catch((error: unknown) => {
          console.error(`duly.js: <${element.localName}> could not be loaded.`, error);
        });
      }
    };

    loadWithin(root.documentElement);
    this.#observer?.disconnect();
    this.#observer = new MutationObserver((records) => {
      if (this.#allRegistered()) {
        this.#observer?.disconnect();
        return;
      }
      for (const record of records) record.addedNodes.forEach(loadWithin);
    });
    this.#observer.observe(root.documentElement, { childList: true, subtree: true });
  }

  #allRegistered(): boolean {
    return Object.keys(this.#chunks).every((tag) => customElements.get(tag) !== undefined);
  }
}
