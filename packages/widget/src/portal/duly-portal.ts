import type { Invoice, PortalClient, PortalFeature, PortalSession } from '@duly/sdk';
import { DulyConnectionError } from '@duly/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { summarySkeleton } from '../account-summary/duly-account-summary.js';
import { accountSummaryStyles } from '../account-summary/duly-account-summary.styles.js';
import type { DulyInvoiceDetail } from '../invoice-detail/duly-invoice-detail.js';
import type { DulyInvoiceList } from '../invoice-list/duly-invoice-list.js';
import type { DulyPay } from '../pay/duly-pay.js';
import type { DulyPaymentNotice } from '../payment-notice/duly-payment-notice.js';
import { PROVIDER_SLOT } from '../providers/provider-context.js';
import { DulyElement } from '../shared/duly-element.js';
import type {
  BalancePayment,
  InvoiceOpenDetail,
  PaymentNoticeRequestDetail,
  PayRequestDetail,
} from '../shared/events.js';
import { errorState } from '../shared/states.js';
import { styleProperties } from '../shared/style-properties.js';
import { base, tabs, tokens } from '../shared/styles.js';
import { renderTablist } from '../shared/tablist.js';
import type { ThreadCreatedDetail } from '../threads/duly-invoice-threads.js';
import { portalStyles } from './duly-portal.styles.js';

type View =
  | { name: 'home' }
  | { name: 'detail'; invoiceId: string }
  | { name: 'pay'; invoices: Invoice[]; balance?: BalancePayment | undefined }
  // widget-pay: "I sent a payment"
  | { name: 'notice'; request: PaymentNoticeRequestDetail };

const TABS = [
  'invoices',
  'payments',
  'statement',
  'methods',
  'autopay',
  'account',
  'subscriptions',
] as const;
type Tab = (typeof TABS)[number];

/**
 * The features that show a tab, any one of them; the tabs not listed are always shown.
 * A tab of features the session lacks is absent.
 */
const TAB_FEATURES: Readonly<Partial<Record<Tab, readonly PortalFeature[]>>> = {
  methods: ['payment_methods'],
  autopay: ['autopay'],
  statement: ['statements'],
  account: ['credit_requests', 'billing_details'],
  subscriptions: ['subscriptions'],
};

/** The element each tab other than Invoices shows. */
const TAB_ELEMENTS: Readonly<Record<Exclude<Tab, 'invoices'>, string>> = {
  payments: 'duly-payments',
  methods: 'duly-payment-methods',
  autopay: 'duly-autopay',
  statement: 'duly-statement',
  account: 'duly-account',
  subscriptions: 'duly-subscriptions',
};

/** The element each view of the Invoices tab shows over the list. */
const VIEW_ELEMENTS: Readonly<Record<Exclude<View['name'], 'home'>, string>> = {
  detail: 'duly-invoice-detail',
  pay: 'duly-pay',
  notice: 'duly-payment-notice',
};

/**
 * The whole customer portal, in tabs. Invoices: the account summary, the invoice list with
 * filters, one invoice with its questions and disputes, paying selected invoices, all of a
 * currency or an amount, and reporting a payment sent another way. Payments: the history
 * with receipts, reported payments and credit notes. Statement: the statement of account.
 * Payment methods: the saved cards and bank accounts. Autopay. Account: the credit limit
 * and the billing details. Subscriptions: plan, renewal, changes with a prorated preview,
 * cancellation, pause; shown only with the `subscriptions` feature and when the customer
 * has at least one subscription. It is made of `<duly-account-summary>`, `<duly-invoice-list>`,
 * `<duly-invoice-detail>`, `<duly-pay>`, `<duly-payment-notice>`, `<duly-payments>`,
 * `<duly-statement>`, `<duly-payment-methods>`, `<duly-autopay>`, `<duly-account>` and
 * `<duly-subscriptions>`,
 * which share one connection and one session renewal. Stripe's Payment Element mounts in a
 * light-DOM child of the portal that it creates when needed (`slot="duly-provider"`).
 *
 * The session's `features` decide what shows: a tab or action of a feature the vendor
 * turned off is absent (the Statement tab needs `statements`, Account needs
 * `credit_requests` or `billing_details`, paying and reporting a payment need `pay`, and so
 * on).
 *
 * @tag duly-portal
 *
 * @attr session - Portal session token (`pst_...`) minted by the vendor's backend. Setting
 *   a new one after `duly-session-expired` lets the portal carry on. A token of another
 *   customer resets the portal: the summary and list reload and an open invoice or pay
 *   form closes.
 * @attr api - Base address of the Duly API, such as `https://api.example.com`.
 * @attr locale - BCP 47 language (`en`, `es`); defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto` (follows `prefers-color-scheme`).
 *
 * @prop {() => Promise<string>} fetchSession - Returns a new session token when the
 *   current one expires; without it the portal waits for a new `session` attribute.
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 *
 * @prop {Record<string, string>} scriptUrls - Replacement addresses of provider scripts.
 *
 * @fires duly-payment-succeeded - {PaymentSucceededDetail} A payment succeeded.
 * @fires duly-payment-pending - {PaymentPendingDetail} A bank payment is on its way.
 * @fires duly-payment-failed - {PaymentFailedDetail} A payment was declined or failed, or a
 *   pending bank payment was returned.
 * @fires duly-payment-method-added - {PaymentMethodDetail} A method was saved.
 * @fires duly-payment-method-removed - {PaymentMethodDetail} A method was removed.
 * @fires duly-autopay-change - {AutopayChangeDetail} Autopay was turned on, changed or off.
 * @fires duly-session-expired - The session expired; the portal is getting a new one.
 *
 * @csspart base - The portal's layout.
 * @csspart tabs - The section tabs.
 * @csspart summary - The account summary card.
 *
 * @cssprop --duly-color-primary - Buttons and accents; the vendor's branding colour when not set.
 * @cssprop --duly-color-on-primary - Text on primary buttons.
 * @cssprop --duly-color-background - Background of cards.
 * @cssprop --duly-color-surface - Background of secondary areas.
 * @cssprop --duly-color-text - Text colour.
 * @cssprop --duly-color-text-muted - Secondary text colour.
 * @cssprop --duly-color-border - Borders and dividers.
 * @cssprop --duly-color-danger - Overdue marks and errors.
 * @cssprop --duly-color-success - Paid marks.
 * @cssprop --duly-color-focus - Focus ring.
 * @cssprop --duly-radius - Corner radius.
 * @cssprop --duly-font-family - Font; inherited from the page when not set.
 * @cssprop --duly-font-size - Base font size; `1rem` when not set.
 */
export class DulyPortal extends DulyElement {
  static override styles = [tokens, base, tabs, accountSummaryStyles, portalStyles];

  @state() private portalSession?: PortalSession;
  @state() private sessionError?: unknown;
  @state() private view: View = { name: 'home' };
  @state() private tab: Tab = 'invoices';

  /**
   * Whether the customer has a subscription. The Subscriptions tab shows only then (and with
   * the `subscriptions` feature), so a vendor that sells no subscriptions shows no empty tab.
   */
  @state() private hasSubscriptions = false;

  /** Elements whose registration failed to load, shown as an error with a retry. */
  @state() private failedElements: ReadonlySet<string> = new Set();

  // The control that opened the detail or pay view, focused again on the way back.
  #returnFocus?: HTMLElement;
  #elementLoads = new Map<string, Promise<boolean>>();
  #preloaded = false;
  /** Whether the invoice list has shown its first page, which makes the first screen. */
  #listShown = false;
  #sessionGeneration = 0;
  /** The customer of the last session loaded, to tell a renewal from another customer. */
  #customerId: string | undefined;
  /** The customer whose subscriptions were looked up, so a session renewal looks up none. */
  #subscriptionsCheckedFor: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.portalSession) void this.loadSession();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The base class hands a new `session` token to the client here, before the reload.
    super.willUpdate(changed);
    if (
      (changed.has('client') && changed.get('client')) ||
      (changed.has('api') && changed.get('api')) ||
      (changed.has('session') && this.session && this.hasUpdated)
    ) {
      void this.loadSession();
    }
    for (const tag of this.shownElements()) {
      if (!this.failedElements.has(tag)) void this.ensureElement(tag);
    }
  }

  /**
   * Returns the session's features, handed to every part. It returns none while the session
   * loads, so no action of a feature the vendor turned off flashes on screen.
   */
  private get sessionFeatures(): readonly PortalFeature[] {
    return this.portalSession?.features ?? [];
  }

  /** Checks that the session has `feature`; false while the session loads. */
  private sessionHas(feature: PortalFeature): boolean {
    return this.portalSession?.features.includes(feature) ?? false;
  }

  /** Returns the tabs this session shows, in order. */
  private visibleTabs(): Tab[] {
    return TABS.filter((tab) => {
      if (tab === 'subscriptions' && !this.hasSubscriptions) return false;
      const needed = TAB_FEATURES[tab];
      return !needed || needed.some((feature) => this.sessionHas(feature));
    });
  }

  /**
   * Leaves a tab or view that a new session's features no longer allow, such as the pay
   * form when the vendor turned paying off.
   */
  private leaveHiddenParts(): void {
    if (!this.portalSession) return;
    if (!this.visibleTabs().includes(this.tab)) this.tab = 'invoices';
    if ((this.view.name === 'pay' || this.view.name === 'notice') && !this.sessionHas('pay')) {
      this.view = { name: 'home' };
      this.#returnFocus = undefined;
    }
  }

  /**
   * Resolves once `tag` is registered. This class waits for the page to register it (with
   * `@duly/widget/define`); the script-tag build fetches the chunk that registers it. The
   * portal calls it for each part it is about to show, and for every part it may show once
   * its first screen is up.
   */
  protected loadElement(tag: string): Promise<void> {
    return customElements.whenDefined(tag).then(() => undefined);
  }

  /** Returns the lazily registered elements that the current tab and view show. */
  private shownElements(): string[] {
    if (this.tab !== 'invoices') return [TAB_ELEMENTS[this.tab]];
    return this.view.name === 'home' ? [] : [VIEW_ELEMENTS[this.view.name]];
  }

  /**
   * Loads `tag` when it is not registered yet and re-renders once it is. Resolves to false,
   * and shows an error with a retry in its place, when it could not be loaded.
   */
  private ensureElement(tag: string): Promise<boolean> {
    if (customElements.get(tag)) return Promise.resolve(true);
    const pending = this.#elementLoads.get(tag);
    if (pending) return pending;

    if (this.failedElements.has(tag)) {
      const failed = new Set(this.failedElements);
      failed.delete(tag);
      this.failedElements = failed;
    }
    const load = this.loadElement(tag).then(
      () => true,
      (error: unknown) => {
        console.error(`<duly-portal>: <${tag}> could not be loaded.`, error);
        this.failedElements = new Set(this.failedElements).add(tag);
        return false;
      },
    );
    this.#elementLoads.set(tag, load);
    void load.then(() => {
      this.#elementLoads.delete(tag);
      this.requestUpdate();
    });
    return load;
  }

  /**
   * Starts loading every part the portal may show once its first screen is painted and the
   * browser is idle, so that opening an invoice or a tab does not wait for the network. A
   * failure here is silent: the part is loaded again when it is opened.
   */
  private preloadElements(): void {
    if (this.#preloaded || !this.#listShown || !this.portalSession) return;
    this.#preloaded = true;
    const preload = () => {
      const tags = [
        VIEW_ELEMENTS.detail,
        ...(this.sessionHas('pay') ? [VIEW_ELEMENTS.pay, VIEW_ELEMENTS.notice] : []),
        ...this.visibleTabs().flatMap((tab) => (tab === 'invoices' ? [] : [TAB_ELEMENTS[tab]])),
      ];
      for (const tag of tags) {
        if (!customElements.get(tag)) this.loadElement(tag).catch(() => undefined);
      }
    };
    // Some browsers have no requestIdleCallback.
    if ('requestIdleCallback' in globalThis) requestIdleCallback(preload, { timeout: 2000 });
    else setTimeout(preload, 200);
  }

  /** Loads `tag` again and moves focus from the retry button, now gone, to the part. */
  private async retryElement(tag: string): Promise<void> {
    if (!(await this.ensureElement(tag))) return;
    await this.updateComplete;
    const part = this.renderRoot.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(
      tag,
    );
    await part?.updateComplete;
    part?.focus();
    if (!part?.matches(':focus-within')) {
      this.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
    }
  }

  /**
   * Renders `content` when `tag` is registered; until then a loading placeholder, or an
   * error with a retry when loading it failed.
   */
  private whenRegistered(tag: string, content: () => TemplateResult): TemplateResult {
    if (customElements.get(tag)) return content();
    const { messages } = this.l10n;
    if (this.failedElements.has(tag)) {
      const error = new DulyConnectionError({
        code: 'connection_failed',
        detail: `<${tag}> could not be loaded.`,
      });
      return html`<section class="card">
        ${errorState(messages.loadFailed, error, messages, () => void this.retryElement(tag))}
      </section>`;
    }
    return html`<section class="card" aria-busy="true" aria-label=${messages.loading}>
      <span class="skeleton"></span>
    </section>`;
  }

  /**
   * Reloads the session: balances, overdue count, locale and branding. When the session
   * belongs to another customer than the one shown, everything shown is reset and
   * reloaded. A session of the same customer (a renewal) keeps the open view and what the
   * customer typed.
   */
  async loadSession(): Promise<void> {
    const generation = ++this.#sessionGeneration;
    this.sessionError = undefined;
    try {
      const session = await this.portal.getSession();
      if (generation !== this.#sessionGeneration) return;
      const previousCustomerId = this.#customerId;
      this.#customerId = session.customer.id;
      this.portalSession = session;
      this.sessionLocale = session.locale;
      this.leaveHiddenParts();
      this.preloadElements();
      void this.checkSubscriptions(session, generation);
      if (previousCustomerId !== undefined && previousCustomerId !== session.customer.id) {
        await this.showNewCustomer();
      }
    } catch (error) {
      if (generation !== this.#sessionGeneration) return;
      // The failed token may be another customer's, so the summary shown so far must not
      // stay on screen as if it belonged to it: the error state with its retry replaces it.
      this.portalSession = undefined;
      this.sessionError = error;
    }
  }

  /**
   * Looks up whether the session's customer has a subscription, once per customer, to show
   * or hide the Subscriptions tab. A failed lookup leaves the tab hidden until the next
   * customer's session; the `<duly-subscriptions>` element works on its own meanwhile.
   */
  private async checkSubscriptions(session: PortalSession, generation: number): Promise<void> {
    const customer = session.customer.id;
    if (this.#subscriptionsCheckedFor === customer) return;
    this.#subscriptionsCheckedFor = customer;
    this.hasSubscriptions = false;
    if (!session.features.includes('subscriptions')) return;
    try {
      const page = await this.portal.listSubscriptions({ limit: 1 });
      if (generation === this.#sessionGeneration) this.hasSubscriptions = page.data.length > 0;
    } catch (error) {
      this.#subscriptionsCheckedFor = undefined;
      console.error('<duly-portal>: the subscriptions could not be looked up.', error);
    }
    this.leaveHiddenParts();
  }

  /** Drops the previous customer's selection and open view, and reloads the list. */
  private async showNewCustomer(): Promise<void> {
    const hadView = this.view.name !== 'home';
    this.view = { name: 'home' };
    this.#returnFocus = undefined;
    this.list?.clearSelection();
    void this.list?.refresh();
    await this.updateComplete;
    // The focused detail or pay form is gone, so focus moves to the list, not the page.
    if (hadView) this.list?.focus();
  }

  private get list(): DulyInvoiceList | null {
    return this.renderRoot.querySelector('duly-invoice-list');
  }

  private async show(view: View, event: Event): Promise<void> {
    if (view.name !== 'home') {
      const origin = event.composedPath()[0];
      this.#returnFocus = origin instanceof HTMLElement ? origin : undefined;
    }
    this.view = view;
    await this.updateComplete;
    if (view.name !== 'home' && !(await this.ensureElement(VIEW_ELEMENTS[view.name]))) return;
    await this.updateComplete;

    if (view.name === 'detail') {
      const detail = this.renderRoot.querySelector<DulyInvoiceDetail>('duly-invoice-detail');
      await detail?.updateComplete;
      detail?.focus();
    } else if (view.name === 'pay') {
      const pay = this.renderRoot.querySelector<DulyPay>('duly-pay');
      await pay?.updateComplete;
      pay?.focus();
    } else if (view.name === 'notice') {
      const notice = this.renderRoot.querySelector<DulyPaymentNotice>('duly-payment-notice');
      await notice?.updateComplete;
      notice?.focus();
    } else {
      if (this.#returnFocus?.isConnected) this.#returnFocus.focus();
      else this.list?.focus();
      this.#returnFocus = undefined;
    }
  }

  /**
   * Refreshes the list and balances after a payment succeeded, went pending or was returned
   * by the bank (its invoices reopen). The home view stays rendered while hidden, so it is
   * current when the customer goes back.
   */
  private onPaymentChanged(event: CustomEvent<{ payment?: unknown }>): void {
    if (event.type === 'duly-payment-failed' && !event.detail.payment) return;
    this.list?.clearSelection();
    void this.list?.refresh();
    void this.loadSession();
  }

  /** Refreshes the list behind the open invoice, so that it marks a disputed invoice. */
  private onThreadCreated(event: CustomEvent<ThreadCreatedDetail>): void {
    if (event.detail.thread.kind === 'dispute') void this.list?.refresh();
  }

  private async selectTab(tab: Tab, moveFocus = false): Promise<void> {
    if (tab === this.tab) return;
    // An open invoice or pay form belongs to the Invoices tab; leaving it closes them.
    this.view = { name: 'home' };
    this.#returnFocus = undefined;
    this.tab = tab;
    await this.updateComplete;
    if (moveFocus) this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
  }

  protected override render(): TemplateResult {
    const { messages, locale } = this.l10n;

    let client: PortalClient;
    try {
      client = this.portal;
    } catch (error) {
      console.error(error);
      return html`<div class="portal" part="base" lang=${locale}>
        ${errorState(messages.loadAccountFailed, error, messages, () => this.requestUpdate())}
      </div>`;
    }

    const brand = this.portalSession?.vendor.branding.primary_color;
    const brandStyle: Record<string, string> =
      brand && globalThis.CSS?.supports('color', brand) ? { '--_brand-primary': brand } : {};
    const shared = {
      client,
      features: this.sessionFeatures,
      locale: this.locale,
      sessionLocale: this.sessionLocale,
      theme: this.theme,
      scriptUrls: this.scriptUrls,
    };

    return html`<div class="portal" part="base" lang=${locale} style=${styleProperties(brandStyle)}>
      ${this.renderTabs()}
      <div
        role="tabpanel"
        id="panel-invoices"
        aria-labelledby="tab-invoices"
        class="panel"
        ?hidden=${this.tab !== 'invoices'}
      >
        ${this.renderInvoicesTab(shared)}
      </div>
      ${this.tab === 'invoices' ? nothing : this.renderOtherTab(this.tab, shared)}
    </div>`;
  }

  private renderTabs(): TemplateResult {
    const { messages } = this.l10n;
    return renderTablist({
      keys: this.visibleTabs(),
      selected: this.tab,
      label: messages.portalSections,
      text: (tab) => messages.tabs[tab],
      panelId: (tab) => `panel-${tab}`,
      select: (tab, moveFocus) => void this.selectTab(tab, moveFocus),
    });
  }

  private renderOtherTab(tab: Exclude<Tab, 'invoices'>, shared: SharedProperties): TemplateResult {
    const content = this.whenRegistered(TAB_ELEMENTS[tab], () =>
      this.renderTabContent(tab, shared),
    );
    return html`<div role="tabpanel" id=${`panel-${tab}`} aria-labelledby=${`tab-${tab}`}>
      ${content}
    </div>`;
  }

  private renderTabContent(
    tab: Exclude<Tab, 'invoices'>,
    shared: SharedProperties,
  ): TemplateResult {
    switch (tab) {
      case 'payments':
        return html`<duly-payments
          .client=${shared.client}
          .features=${shared.features}
          .locale=${shared.locale}
          .sessionLocale=${shared.sessionLocale}
          theme=${shared.theme}
        ></duly-payments>`;
      case 'methods':
        return html`<duly-payment-methods
          .client=${shared.client}
          .features=${shared.features}
          .locale=${shared.locale}
          .sessionLocale=${shared.sessionLocale}
          .scriptUrls=${shared.scriptUrls}
          theme=${shared.theme}
        >
          <slot name=${PROVIDER_SLOT} slot=${PROVIDER_SLOT}></slot>
        </duly-payment-methods>`;
      case 'autopay':
        return html`<duly-autopay
          .client=${shared.client}
          .features=${shared.features}
          .locale=${shared.locale}
          .sessionLocale=${shared.sessionLocale}
          theme=${shared.theme}
        ></duly-autopay>`;
      // widget-account: the Statement and Account tabs.
      case 'statement':
        return html`<duly-statement
          .client=${shared.client}
          .features=${shared.features}
          .locale=${shared.locale}
          .sessionLocale=${shared.sessionLocale}
          theme=${shared.theme}
        ></duly-statement>`;
      case 'account':
        return html`<duly-account
          .client=${shared.client}
          .portalSession=${this.portalSession}
          .features=${shared.features}
          .locale=${shared.locale}
          .sessionLocale=${shared.sessionLocale}
          theme=${shared.theme}
        ></duly-account>`;
      case 'subscriptions':
        return html`<duly-subscriptions
          .client=${shared.client}
          .features=${shared.features}
          .locale=${shared.locale}
          .sessionLocale=${shared.sessionLocale}
          theme=${shared.theme}
          @duly-pay-request=${this.onSubscriptionPayRequest}
          @duly-subscription-updated=${this.onSubscriptionUpdated}
        ></duly-subscriptions>`;
    }
  }

  private renderInvoicesTab(shared: SharedProperties): TemplateResult {
    return html`
      <div class="home" ?hidden=${this.view.name !== 'home'}>
        ${this.renderSummary(shared)}
        <duly-invoice-list
          .client=${shared.client}
          .features=${shared.features}
          .locale=${shared.locale}
          .sessionLocale=${shared.sessionLocale}
          theme=${shared.theme}
          @duly-invoice-open=${(event: CustomEvent<InvoiceOpenDetail>) =>
            this.show({ name: 'detail', invoiceId: event.detail.invoice.id }, event)}
          @duly-pay-request=${this.onPayRequest}
          @duly-payment-notice-request=${this.onPaymentNoticeRequest}
          @duly-invoices-loaded=${() => {
            this.#listShown = true;
            this.preloadElements();
          }}
        ></duly-invoice-list>
      </div>
      ${this.renderView(shared)}
    `;
  }

  private renderSummary(shared: SharedProperties): TemplateResult {
    const { messages } = this.l10n;
    if (this.portalSession) {
      return html`<duly-account-summary
        .client=${shared.client}
        .portalSession=${this.portalSession}
        .features=${shared.features}
        .locale=${shared.locale}
        .sessionLocale=${shared.sessionLocale}
        theme=${shared.theme}
        @duly-pay-request=${this.onPayRequest}
        @duly-payment-notice-request=${this.onPaymentNoticeRequest}
      ></duly-account-summary>`;
    }
    // Shown here rather than by the summary element, which would fetch the session a
    // second time.
    return html`<section class="card summary" part="summary">
      ${
        this.sessionError
          ? errorState(messages.loadAccountFailed, this.sessionError, messages, () => {
              void this.loadSession();
            })
          : summarySkeleton(messages.loading)
      }
    </section>`;
  }

  private renderView(shared: SharedProperties): TemplateResult | typeof nothing {
    const view = this.view;
    const back = (event: Event) => this.show({ name: 'home' }, event);

    if (view.name === 'detail') {
      return this.whenRegistered(
        VIEW_ELEMENTS.detail,
        () => html`<duly-invoice-detail
        invoice-id=${view.invoiceId}
        show-back
        .client=${shared.client}
        .features=${shared.features}
        .locale=${shared.locale}
        .sessionLocale=${shared.sessionLocale}
        theme=${shared.theme}
        .vendorName=${this.portalSession?.vendor.name}
        @duly-back=${back}
        @duly-pay-request=${this.onPayRequest}
        @duly-thread-created=${this.onThreadCreated}
      ></duly-invoice-detail>`,
      );
    }
    if (view.name === 'pay') {
      return this.whenRegistered(
        VIEW_ELEMENTS.pay,
        () => html`<duly-pay
        .invoices=${view.invoices}
        mode=${view.balance?.way ?? 'invoices'}
        currency=${view.balance?.currency ?? nothing}
        .client=${shared.client}
        .features=${shared.features}
        .locale=${shared.locale}
        .sessionLocale=${shared.sessionLocale}
        .scriptUrls=${shared.scriptUrls}
        theme=${shared.theme}
        @duly-back=${back}
        @duly-payment-succeeded=${this.onPaymentChanged}
        @duly-payment-pending=${this.onPaymentChanged}
        @duly-payment-failed=${this.onPaymentChanged}
        @duly-credit-applied=${this.onPaymentChanged}
        @duly-payment-notice-request=${this.onPaymentNoticeRequest}
      >
        <slot name=${PROVIDER_SLOT} slot=${PROVIDER_SLOT}></slot>
      </duly-pay>`,
      );
    }
    if (view.name === 'notice') {
      return this.whenRegistered(
        VIEW_ELEMENTS.notice,
        () => html`<duly-payment-notice
          .invoices=${view.request.invoices}
          currency=${view.request.currency ?? nothing}
          today=${this.portalSession?.today ?? nothing}
          .client=${shared.client}
          .features=${shared.features}
          .locale=${shared.locale}
          .sessionLocale=${shared.sessionLocale}
          theme=${shared.theme}
          @duly-back=${back}
          @duly-payment-notice-created=${this.onPaymentChanged}
        ></duly-payment-notice>`,
      );
    }
    return nothing;
  }

  // --- subs-widget: paying a failed renewal, and invoices issued by a change ---

  /** Opens the pay form of the Invoices tab on the open invoice of a failed renewal. */
  private async onSubscriptionPayRequest(event: CustomEvent<PayRequestDetail>): Promise<void> {
    const { invoices } = event.detail;
    await this.selectTab('invoices');
    await this.show({ name: 'pay', invoices }, event);
  }

  /**
   * Refreshes the list and balances after a subscription changed: an upgrade issues an
   * invoice and a downgrade made now issues a credit note.
   */
  private onSubscriptionUpdated(): void {
    void this.list?.refresh();
    void this.loadSession();
  }

  // --- widget-pay: paying a balance and "I sent a payment" ---

  private onPayRequest(event: CustomEvent<PayRequestDetail>): void {
    const { invoices, balance } = event.detail;
    void this.show({ name: 'pay', invoices, balance }, event);
  }

  private onPaymentNoticeRequest(event: CustomEvent<PaymentNoticeRequestDetail>): void {
    void this.show({ name: 'notice', request: event.detail }, event);
  }
}

interface SharedProperties {
  client: PortalClient;
  features: readonly PortalFeature[];
  locale: string | undefined;
  sessionLocale: string | undefined;
  theme: string;
  scriptUrls: Readonly<Record<string, string>> | undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-portal': DulyPortal;
  }
}
