import type { PaymentMethod, PaymentSetup } from '@duly/sdk';
import { DulyError } from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { MethodForm } from '../providers/provider-context.js';
import { ProviderError } from '../providers/provider-context.js';
import { createMethodForm, type MethodKind } from '../providers/registry.js';
import { DulyElement } from '../shared/duly-element.js';
import { emit } from '../shared/events.js';
import { alertIcon, cardIcon, checkIcon, clockIcon } from '../shared/icons.js';
import { panelStyles } from '../shared/panel-styles.js';
import { failureReason, methodLabel } from '../shared/payment-text.js';
import { emptyState, errorMessage, errorState } from '../shared/states.js';
import { base, forms, tokens } from '../shared/styles.js';

/**
 * The customer's saved cards and bank accounts: brand or bank, last four digits, expiry,
 * the default mark, the method autopay charges, and why a method can no longer be charged.
 * The customer adds a card or bank account with the vendor's provider (a Stripe
 * SetupIntent, Plaid Link, or the sandbox's forms), removes one after confirming, and
 * chooses the default. When a change of one method fails, its row shows the reason.
 *
 * @tag duly-payment-methods
 *
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 * @prop {Record<string, string>} scriptUrls - Replacement addresses of provider scripts.
 *
 * @slot duly-provider - Filled by the element itself with the light-DOM mount point of
 *   Stripe's Payment Element.
 *
 * @fires duly-payment-method-added - {PaymentMethodDetail} A method was saved.
 * @fires duly-payment-method-removed - {PaymentMethodDetail} A method was removed.
 * @fires duly-session-expired - The session expired; the element is renewing it.
 *
 * @csspart methods - The card around the list.
 * @csspart method - One saved method.
 * @csspart add-form - The form that adds a method.
 * @csspart error - The error state.
 */
export class DulyPaymentMethods extends DulyElement {
  static override styles = [tokens, base, forms, panelStyles];

  @state() private methods?: PaymentMethod[];
  @state() private loadError?: unknown;
  @state() private adding?: MethodKind;
  @state() private busy = false;
  @state() private confirming?: string;
  /** The failure of the last change; `method` is the id of the method it concerns, if one. */
  @state() private notice?: { text: string; method?: string };
  /** The method autopay charges while it is on or paused; such a method cannot be removed. */
  @state() private autopayMethod?: string;

  #setup?: PaymentSetup;
  #form?: MethodForm;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.methods) void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#closeForm();
  }

  /** Loads the saved methods, and which one autopay uses, again. */
  async refresh(): Promise<void> {
    this.loadError = undefined;
    try {
      // Autopay only adds a mark to one method, so the list shows without it if it fails.
      const [methods, autopay] = await Promise.all([
        this.portal.listPaymentMethods(),
        this.portal.getAutopay().catch(() => undefined),
      ]);
      this.methods = methods.data;
      this.autopayMethod =
        autopay && autopay.status !== 'off' ? (autopay.payment_method ?? undefined) : undefined;
    } catch (error) {
      this.loadError = error;
    }
  }

  /**
   * Runs one change of the list, then reloads the list unless `reload` is false. Shows a
   * failure instead of throwing, on the row of `method` when the change concerns one, and
   * returns whether the change succeeded.
   */
  private async change(
    run: () => Promise<void>,
    { reload = true, method }: { reload?: boolean; method?: string } = {},
  ): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.notice = undefined;
    try {
      await run();
      if (reload) await this.refresh();
      return true;
    } catch (error) {
      const { messages } = this.l10n;
      const text =
        error instanceof DulyError && error.code === 'payment_method_in_use'
          ? messages.methodInUse
          : error instanceof ProviderError
            ? (error.customerMessage ?? messages.providerFailed)
            : errorMessage(error, messages);
      this.notice = { text, method };
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async startAdding(kind: MethodKind): Promise<void> {
    this.#closeForm();
    await this.change(
      async () => {
        this.#setup ??= await this.portal.getPaymentSetup();
        this.#form = createMethodForm(kind, this.#setup, this.providerContext(), { mode: 'setup' });
        this.adding = kind;
      },
      { reload: false },
    );
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLElement>('[part="add-form"] input, [part="add-form"] button')
      ?.focus();
  }

  private async saveNew(): Promise<void> {
    const form = this.#form;
    if (!form) return;
    let added: PaymentMethod | undefined;
    await this.change(async () => {
      added = await form.collect(true);
    });
    if (!added) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.#closeForm();
    emit(this, 'duly-payment-method-added', { paymentMethod: added });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  #closeForm(): void {
    this.#form?.destroy();
    this.#form = undefined;
    this.adding = undefined;
  }

  private async askRemove(method: PaymentMethod): Promise<void> {
    this.confirming = method.id;
    this.notice = undefined;
    await this.updateComplete;
    // The safe choice takes focus, so Enter pressed twice never removes a method.
    this.renderRoot.querySelector<HTMLElement>('[data-testid="keep-method"]')?.focus();
  }

  private async removeMethod(method: PaymentMethod): Promise<void> {
    const removed = await this.change(() => this.portal.removePaymentMethod(method.id), {
      method: method.id,
    });
    this.confirming = undefined;
    if (removed) emit(this, 'duly-payment-method-removed', { paymentMethod: method });
    await this.updateComplete;
    // A method that stays keeps focus on its row, next to the reason it stayed.
    const target = removed
      ? this.renderRoot.querySelector<HTMLElement>('h2')
      : this.renderRoot.querySelector<HTMLElement>(
          `[data-method-id="${method.id}"] [data-testid="remove-method"]`,
        );
    target?.focus();
  }

  protected override render(): TemplateResult {
    const { messages } = this.l10n;
    const adding = this.adding;
    const addButton = (kind: MethodKind, label: string) =>
      html`<button
        class="button secondary"
        type="button"
        data-testid=${`add-${kind}`}
        ?disabled=${this.busy || adding !== undefined}
        @click=${() => this.startAdding(kind)}
      >
        ${label}
      </button>`;

    return html`<section class="card panel" part="methods" aria-labelledby="methods-heading">
      <div class="panel-header">
        <h2 id="methods-heading" tabindex="-1">${messages.methodsHeading}</h2>
        <div>
          ${addButton('card', messages.addCard)}
          ${this.#setup?.bank === null ? nothing : addButton('us_bank_account', messages.addBankAccount)}
        </div>
      </div>
      <div role="status" aria-live="polite">
        ${
          this.notice && !this.notice.method
            ? html`<p class="field-error" data-testid="methods-notice">${alertIcon}${this.notice.text}</p>`
            : nothing
        }
      </div>
      ${adding && this.#form ? this.renderAddForm(adding, this.#form) : nothing}
      ${this.renderList()}
    </section>`;
  }

  private renderAddForm(kind: MethodKind, form: MethodForm): TemplateResult {
    const { messages } = this.l10n;
    return html`<fieldset part="add-form">
      <legend>${cardIcon}${kind === 'card' ? messages.addCard : messages.addBankAccount}</legend>
      ${form.render()}
      <div class="actions">
        <button class="button secondary" type="button" @click=${() => this.#closeForm()}>
          ${messages.cancel}
        </button>
        <button
          class="button primary"
          type="button"
          data-testid="save-new-method"
          aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${() => this.saveNew()}
        >
          ${this.busy ? messages.saving : messages.save}
        </button>
      </div>
    </fieldset>`;
  }

  private renderList(): TemplateResult {
    const { messages } = this.l10n;
    if (this.loadError) {
      return errorState(messages.loadMethodsFailed, this.loadError, messages, () => {
        void this.refresh();
      });
    }
    const methods = this.methods;
    if (!methods) {
      return html`<div aria-busy="true" aria-label=${messages.loading}>
        <span class="skeleton"></span>
      </div>`;
    }
    if (methods.length === 0) return emptyState(messages.noMethods, messages.noMethodsBody);
    return html`<ul class="items">
      ${methods.map((method) => this.renderMethod(method))}
    </ul>`;
  }

  private renderMethod(method: PaymentMethod): TemplateResult {
    const { messages } = this.l10n;
    const label = methodLabel(method, messages);
    const detail =
      method.exp_month && method.exp_year
        ? messages.expires(method.exp_month, method.exp_year)
        : '';

    return html`<li
      class="item"
      part="method"
      data-testid="method-row"
      data-method-id=${method.id}
      data-default=${method.is_default ? 'true' : 'false'}
    >
      <span class="item-main">
        <strong>${label}</strong>
        ${detail ? html`<span class="muted small">${detail}</span>` : nothing}
        ${
          method.disabled_reason
            ? html`<span class="field-error" data-testid="method-disabled">
                ${alertIcon}${messages.methodDisabled(failureReason(method.disabled_reason, messages))}
              </span>`
            : nothing
        }
        ${
          this.notice?.method === method.id
            ? html`<span class="field-error" role="alert" data-testid="methods-notice">
                ${alertIcon}${this.notice.text}
              </span>`
            : nothing
        }
      </span>
      <span class="item-side">
        ${
          this.autopayMethod === method.id
            ? html`<span class="badge open" data-testid="autopay-mark">${clockIcon}${messages.usedByAutopay}</span>`
            : nothing
        }
        ${
          method.is_default
            ? html`<span class="badge paid" data-testid="default-mark">${checkIcon}${messages.defaultMethod}</span>`
            : method.disabled_reason
              ? nothing
              : html`<button
                  class="link-button"
                  type="button"
                  data-testid="make-default"
                  aria-label=${`${messages.makeDefault}: ${label}`}
                  ?disabled=${this.busy}
                  @click=${() =>
                    this.change(
                      async () => {
                        await this.portal.setDefaultPaymentMethod(method.id);
                      },
                      { method: method.id },
                    )}
                >
                  ${messages.makeDefault}
                </button>`
        }
        <button
          class="link-button"
          type="button"
          data-testid="remove-method"
          aria-label=${`${messages.remove}: ${label}`}
          ?disabled=${this.busy}
          @click=${() => this.askRemove(method)}
        >
          ${messages.remove}
        </button>
      </span>
      ${
        this.confirming === method.id
          ? html`<div class="confirm" role="group" aria-label=${messages.remove}>
              <p>${messages.removeConfirm(methodLabel(method, messages, true))}</p>
              <button
                class="button secondary"
                type="button"
                data-testid="keep-method"
                @click=${() => {
                  this.confirming = undefined;
                }}
              >
                ${messages.keep}
              </button>
              <button
                class="button primary"
                type="button"
                data-testid="confirm-remove"
                @click=${() => this.removeMethod(method)}
              >
                ${messages.remove}
              </button>
            </div>`
          : nothing
      }
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-payment-methods': DulyPaymentMethods;
  }
}
