import type { Invoice, PayLinkExchange, PortalClient } from '@duly/sdk';
import { DulyAuthenticationError } from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { partMessages } from '../i18n/index.js';
import { DulyElement } from '../shared/duly-element.js';
import type { PaymentSucceededDetail } from '../shared/events.js';
import { alertIcon, clockIcon, retryIcon } from '../shared/icons.js';
import { base, tokens } from '../shared/styles.js';
import { type HostedMessages, hostedMessages } from './hosted.messages.js';

/** Problem codes of an exchange that the page explains in words of its own. */
type LinkProblem =
  | 'pay_link_revoked'
  | 'pay_link_expired'
  | 'pay_link_used_up'
  | 'pay_link_invalid'
  | 'invoice_not_payable';

const LINK_PROBLEMS: readonly string[] = [
  'pay_link_revoked',
  'pay_link_expired',
  'pay_link_used_up',
  'pay_link_invalid',
  'invoice_not_payable',
];

type View =
  | { kind: 'opening' }
  | { kind: 'link-problem'; code: LinkProblem }
  | { kind: 'failed' }
  | { kind: 'pay'; invoice: Invoice }
  | { kind: 'receipt'; paymentId: string }
  | { kind: 'paid-without-receipt' }
  | { kind: 'pending' };

/**
 * The hosted pay page's content: it trades the pay-link `token` for a portal session limited
 * to one invoice (`POST /v1/pay_links/exchange`), then shows `<duly-pay>` for that invoice,
 * or the receipt of the payment that paid it. After a payment succeeds it shows the
 * receipt. A revoked, expired or used-up link, or a voided invoice, gets a message with
 * what to do next. Each exchange counts one use of the link, and so does each renewal of an
 * expired session.
 *
 * @tag duly-hosted-pay
 *
 * @attr token - The pay-link token (`plt_...`) from the page's address.
 * @attr api - Base address of the Duly API, which serves the page.
 * @attr vendor-name - The vendor's name, for the heading.
 * @attr locale - BCP 47 language; defaults to the customer's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @csspart problem - The message of a link that cannot be used.
 */
export class DulyHostedPay extends DulyElement {
  static override styles = [tokens, base];

  /** The pay-link token (`plt_...`). */
  @property() token?: string;

  /** The vendor's name, shown in the heading. */
  @property({ attribute: 'vendor-name' }) vendorName = '';

  @state() private view: View = { kind: 'opening' };

  #generation = 0;
  #linkClient?: { from: PortalClient; client: PortalClient };

  private get text(): HostedMessages {
    return partMessages(hostedMessages, this.l10n);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.fetchSession ??= () => this.#renewSession();
    if (this.view.kind === 'opening') void this.open();
  }

  /**
   * Returns the portal client of the parts this page shows. A pay link's session is
   * rejected as invalid only once the link is revoked, so that error replaces the page with
   * the revoked link's message instead of a retry that cannot succeed.
   */
  private get linkClient(): PortalClient {
    const from = this.portal;
    if (this.#linkClient?.from === from) return this.#linkClient.client;

    const client = new Proxy(from, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          try {
            return await value.apply(target, args);
          } catch (error) {
            if (error instanceof DulyAuthenticationError && error.code === 'session_invalid') {
              this.view = { kind: 'link-problem', code: 'pay_link_revoked' };
            }
            throw error;
          }
        };
      },
    });
    this.#linkClient = { from, client };
    return client;
  }

  /** Exchanges the token again for an expired session, and shows why a link stopped working. */
  async #renewSession(): Promise<string> {
    try {
      return (await this.#exchange()).session;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && LINK_PROBLEMS.includes(code)) {
        this.view = { kind: 'link-problem', code: code as LinkProblem };
      }
      throw error;
    }
  }

  /** Exchanges the token and shows the pay form, the receipt or what went wrong. */
  async open(): Promise<void> {
    const generation = ++this.#generation;
    this.view = { kind: 'opening' };
    let exchange: PayLinkExchange;
    try {
      exchange = await this.#exchange();
    } catch (error) {
      if (generation !== this.#generation) return;
      const code = (error as { code?: unknown }).code;
      this.view =
        typeof code === 'string' && LINK_PROBLEMS.includes(code)
          ? { kind: 'link-problem', code: code as LinkProblem }
          : { kind: 'failed' };
      return;
    }

    this.sessionLocale = exchange.locale;
    this.session = exchange.session;
    try {
      const view = await this.#viewOfInvoice(exchange.invoice);
      if (generation === this.#generation) this.view = view;
    } catch {
      if (generation === this.#generation) this.view = { kind: 'failed' };
    }
  }

  /** Shows the invoice again with the current session, after a failed payment's result. */
  async #reload(): Promise<void> {
    const view = this.view;
    if (view.kind !== 'pay') return;
    const generation = ++this.#generation;
    try {
      const next = await this.#viewOfInvoice(view.invoice.id);
      if (generation === this.#generation) this.view = next;
    } catch {
      if (generation === this.#generation) this.view = { kind: 'failed' };
    }
  }

  async #exchange(): Promise<PayLinkExchange> {
    if (!this.api || !this.token) {
      throw new Error('<duly-hosted-pay>: set the `api` and `token` attributes.');
    }
    const response = await fetch(new URL('v1/pay_links/exchange', withSlash(this.api)), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: this.token }),
    });
    const body = (await response.json()) as PayLinkExchange & { code?: string };
    if (!response.ok) throw Object.assign(new Error(body.code ?? 'exchange failed'), body);
    return body;
  }

  async #viewOfInvoice(invoiceId: string): Promise<View> {
    const invoice = await this.portal.getInvoice(invoiceId);
    if (invoice.status === 'open') {
      const payable = invoice.amount_due - invoice.amount_pending;
      return payable > 0 ? { kind: 'pay', invoice } : { kind: 'pending' };
    }

    const payments = await this.portal.listPayments();
    const paid = payments.data.find((payment) => payment.status === 'succeeded');
    return paid ? { kind: 'receipt', paymentId: paid.id } : { kind: 'paid-without-receipt' };
  }

  protected override render(): TemplateResult {
    return html`${this.vendorName ? html`<h1 class="title">${this.text.payTitle(this.vendorName)}</h1>` : nothing}
      ${this.renderView()}`;
  }

  private renderView(): TemplateResult {
    const text = this.text;
    const view = this.view;
    switch (view.kind) {
      case 'opening':
        return html`<div class="card state" aria-busy="true" role="status">
          <span class="skeleton"></span>
          <p class="muted">${text.opening}</p>
        </div>`;
      case 'link-problem':
        return this.renderProblem(view.code);
      case 'failed':
        return html`<div class="card state error" part="problem" role="alert">
          <span class="state-icon">${alertIcon}</span>
          <h2>${text.openFailed}</h2>
          <p class="muted">${text.openFailedBody}</p>
          <button class="button secondary" type="button" @click=${() => this.open()}>
            ${retryIcon} ${text.retry}
          </button>
        </div>`;
      case 'pay':
        return html`<duly-pay
          standalone
          .invoices=${[view.invoice]}
          .features=${['pay']}
          .client=${this.linkClient}
          .locale=${this.locale}
          .sessionLocale=${this.sessionLocale}
          theme=${this.theme}
          @duly-payment-succeeded=${(event: CustomEvent<PaymentSucceededDetail>) => {
            this.view = { kind: 'receipt', paymentId: event.detail.payment.id };
          }}
          @duly-back=${() => this.#reload()}
        ></duly-pay>`;
      case 'receipt':
        return html`<duly-receipt
          payment-id=${view.paymentId}
          .client=${this.linkClient}
          .locale=${this.locale}
          .sessionLocale=${this.sessionLocale}
          theme=${this.theme}
        ></duly-receipt>`;
      case 'paid-without-receipt':
        return html`<div class="card state" role="status">
          <h2>${text.paidTitle}</h2>
          <p class="muted">${text.paidNoReceipt}</p>
        </div>`;
      case 'pending':
        return html`<div class="card state" role="status">
          <span class="state-icon">${clockIcon}</span>
          <h2>${text.pendingTitle}</h2>
          <p class="muted">${text.pendingBody}</p>
        </div>`;
    }
  }

  private renderProblem(code: LinkProblem): TemplateResult {
    const text = this.text;
    const [title, next] = {
      pay_link_revoked: [text.linkRevoked, text.askVendor],
      pay_link_expired: [text.linkExpired, text.askVendor],
      pay_link_used_up: [text.linkUsedUp, text.askVendor],
      pay_link_invalid: [text.linkInvalid, text.checkAddress],
      invoice_not_payable: [text.invoiceNotPayable, text.contactVendor],
    }[code];
    return html`<div class="card state error" part="problem" role="alert" data-code=${code}>
      <span class="state-icon">${alertIcon}</span>
      <h2>${title}</h2>
      <p class="muted">${next}</p>
    </div>`;
  }
}

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-hosted-pay': DulyHostedPay;
  }
}
