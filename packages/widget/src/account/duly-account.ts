import type { PortalSession } from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { DulyElement } from '../shared/duly-element.js';
import { tokens } from '../shared/styles.js';
import { accountLayoutStyles } from './duly-account-layout.styles.js';

/**
 * The customer's account: its credit limit (`<duly-credit-limit>`, with the
 * `credit_requests` feature) and its billing details (`<duly-billing-details>`, with the
 * `billing_details` feature).
 *
 * @tag duly-account
 *
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 * @prop {PortalSession} portalSession - The session, handed to the credit limit.
 *
 * @fires duly-session-expired - The session expired; the element is renewing it.
 *
 * @csspart account - The layout of the cards.
 */
export class DulyAccount extends DulyElement {
  static override styles = [tokens, accountLayoutStyles];

  /** The session, whose currencies the credit limit offers for a first limit. */
  @property({ attribute: false }) portalSession?: PortalSession;

  protected override render(): TemplateResult {
    return html`<div class="account" part="account">
      ${
        this.hasFeature('credit_requests')
          ? html`<duly-credit-limit
              .client=${this.portal}
              .portalSession=${this.portalSession}
              .features=${this.features}
              .locale=${this.locale}
              .sessionLocale=${this.sessionLocale}
              theme=${this.theme}
            ></duly-credit-limit>`
          : nothing
      }
      ${
        this.hasFeature('billing_details')
          ? html`<duly-billing-details
              .client=${this.portal}
              .features=${this.features}
              .locale=${this.locale}
              .sessionLocale=${this.sessionLocale}
              theme=${this.theme}
            ></duly-billing-details>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-account': DulyAccount;
  }
}
