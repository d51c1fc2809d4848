import {
  createPortalClient,
  type PortalClient,
  type PortalFeature,
  withSessionRenewal,
} from '@duly/sdk';
import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { type Localization, resolveLocalization } from '../i18n/index.js';
import { PROVIDER_SLOT, type ProviderContext } from '../providers/provider-context.js';
import { emit } from './events.js';

/** Colour schemes of the `theme` attribute. */
export type DulyTheme = 'light' | 'dark' | 'auto';

/**
 * How long an element waits for the host page to set a new `session` attribute after
 * `duly-session-expired`, when it has no `fetchSession`, before it shows the error state.
 */
const SESSION_WAIT_MS = 60_000;

/**
 * Base of every Duly element: the connection to the portal API (`session` and `api`, or an
 * injected `client`), session renewal, the language and the theme.
 */
export class DulyElement extends LitElement {
  /** Portal session token (`pst_...`) minted by the vendor's backend. */
  @property() session?: string;

  /** Base address of the Duly API, such as `https://api.example.com`. */
  @property() api?: string;

  /** BCP 47 language of the widget; when absent, the session's locale, then English. */
  @property() locale?: string;

  /** `light` (the default), `dark`, or `auto` to follow the system's colour scheme. */
  @property({ reflect: true }) theme: DulyTheme = 'light';

  /**
   * A portal client to use instead of one built from `session` and `api`, such as a fake in
   * tests. A client whose `renewsSession` is true is used as it is; any other gets this
   * element's session renewal.
   */
  @property({ attribute: false }) client?: PortalClient;

  /**
   * Returns a new session token when the current one has expired. Without it, the element
   * waits for the host page to set a new `session` attribute.
   */
  @property({ attribute: false }) fetchSession?: () => Promise<string>;

  /** The session's locale, used when `locale` is absent; `<duly-portal>` sets it. */
  @property({ attribute: false }) sessionLocale?: string;

  /**
   * The features of the portal session (`pay`, `disputes`, ...): the actions of a feature
   * left out are not shown. `<duly-portal>` sets it from the session. When it is not set,
   * every action is shown, and the API rejects those the session lacks with
   * `feature_disabled`.
   */
  @property({ attribute: false }) features?: readonly PortalFeature[];

  /**
   * Addresses to load payment providers' scripts from instead of the official ones, by
   * provider name (`stripe`, `plaid`), such as local fakes in tests. The scripts load only
   * when the customer starts to pay or adds a payment method.
   */
  @property({ attribute: false }) scriptUrls?: Readonly<Record<string, string>>;

  #portal?: PortalClient;
  // What #portal was built from, so that a new `client` or `api` gets a new one.
  #builtFrom?: { client: PortalClient | undefined; api: string | undefined };
  #sessionWaiters: Array<(token: string) => void> = [];

  /** The client every request goes through, built on first use. */
  protected get portal(): PortalClient {
    const built = this.#builtFrom;
    if (!this.#portal || !built || built.client !== this.client || built.api !== this.api) {
      this.#portal = this.#buildClient();
      this.#builtFrom = { client: this.client, api: this.api };
    }
    return this.#portal;
  }

  /** The catalogue and `Intl` locale in force. */
  protected get l10n(): Localization {
    return resolveLocalization(this.locale, this.sessionLocale);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session') && this.session && this.hasUpdated) {
      this.#acceptSession(this.session);
    }
  }

  /** Checks that the session has `feature`; true while `features` is not set. */
  protected hasFeature(feature: PortalFeature): boolean {
    return this.features?.includes(feature) ?? true;
  }

  /** Returns the services that payment provider adapters need from this element. */
  protected providerContext(): ProviderContext {
    return {
      host: this,
      portal: this.portal,
      l10n: () => this.l10n,
      colorScheme: () =>
        this.theme === 'dark' ||
        (this.theme === 'auto' && globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches)
          ? 'dark'
          : 'light',
      scriptUrl: (provider, official) => this.scriptUrls?.[provider] ?? official,
      mountPoint: () => this.#mountPoint(),
    };
  }

  /**
   * Returns the light-DOM mount point of the outermost Duly element around this one, creating
   * it on first use: one per widget on the page. Elements inside another one's shadow root
   * receive it through a `<slot name="duly-provider" slot="duly-provider">` that passes it on.
   */
  #mountPoint(): HTMLElement {
    let outermost: Element = this;
    for (
      let root = this.getRootNode();
      root instanceof ShadowRoot;
      root = outermost.getRootNode()
    ) {
      outermost = root.host;
    }
    let point = outermost.querySelector<HTMLElement>(`:scope > [slot="${PROVIDER_SLOT}"]`);
    if (!point) {
      point = document.createElement('div');
      point.slot = PROVIDER_SLOT;
      outermost.append(point);
    }
    return point;
  }

  #buildClient(): PortalClient {
    const client = this.client ?? this.#clientFromAttributes();
    if (client.renewsSession) return client;
    return withSessionRenewal(client, () => this.#renewSession());
  }

  #clientFromAttributes(): PortalClient {
    if (!this.api || !this.session) {
      throw new Error(
        `<${this.localName}>: set the \`session\` and \`api\` attributes (a portal session token and the Duly API address), or the \`client\` property.`,
      );
    }
    return createPortalClient({ api: this.api, session: this.session });
  }

  /** Hands a new token to requests waiting for one, or to the client for later requests. */
  #acceptSession(token: string): void {
    const waiters = this.#sessionWaiters;
    this.#sessionWaiters = [];
    if (waiters.length > 0) {
      for (const resolve of waiters) resolve(token);
      return;
    }
    this.#portal?.setSession(token);
  }

  #renewSession(): Promise<string> {
    emit(this, 'duly-session-expired');
    if (this.fetchSession) return this.fetchSession();

    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#sessionWaiters = this.#sessionWaiters.filter((waiter) => waiter !== settle);
        reject(new Error(`<${this.localName}>: no new session within ${SESSION_WAIT_MS} ms.`));
      }, SESSION_WAIT_MS);
      const settle = (token: string) => {
        clearTimeout(timer);
        resolve(token);
      };
      this.#sessionWaiters.push(settle);
    });
  }
}
