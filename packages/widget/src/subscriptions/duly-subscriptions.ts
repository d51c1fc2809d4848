import type {
  PortalSubscriptionOptions,
  Subscription,
  SubscriptionChangeRequest,
} from '@duly/core';
import {
  createIdempotencyKey,
  DulyConflictError,
  DulyInvalidRequestError,
  DulyPermissionError,
} from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { partMessages } from '../i18n/index.js';
import { DulyElement } from '../shared/duly-element.js';
import { emit } from '../shared/events.js';
import { formatMoney } from '../shared/format.js';
import { alertIcon, checkIcon, clockIcon } from '../shared/icons.js';
import { panelStyles } from '../shared/panel-styles.js';
import { emptyState, errorMessage, errorState } from '../shared/states.js';
import { base, forms, textareaFields, tokens } from '../shared/styles.js';
import { type CancelDraft, renderCancelForm } from './cancel-form.js';
import { type ChangeDraft, renderChangeForm } from './change-form.js';
import { subscriptionsStyles } from './duly-subscriptions.styles.js';
import {
  formatPeriodDate,
  planPrice,
  readQuantity,
  subscriptionBadge,
} from './subscription-text.js';
import { type SubscriptionsMessages, subscriptionsMessages } from './subscriptions.messages.js';

/** Detail of `duly-subscription-updated`. */
export interface SubscriptionUpdatedDetail {
  /** The subscription after the change, cancellation, resume, pause or unpause. */
  subscription: Subscription;
}

/** A message shown on one subscription after an action. */
interface Notice {
  subscription: string;
  text: string;
  tone: 'success' | 'error';
}

/**
 * The customer's subscriptions. Each shows the plan, quantity, status, current period, the
 * next renewal's date and amount and the trial's end. It also shows what is pending: a
 * cancellation at the period end, a scheduled downgrade, a pause, or a failed renewal
 * payment with a button that pays its invoice. The customer changes plan or quantity after a preview of the
 * prorated amounts, cancels now or at the period end with a reason, resumes a pending
 * cancellation, and pauses or unpauses where the vendor allows it.
 *
 * @tag duly-subscriptions
 *
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 *
 * @fires duly-subscription-updated - {SubscriptionUpdatedDetail} A subscription changed,
 *   was canceled, resumed, paused or unpaused.
 * @fires duly-pay-request - {PayRequestDetail} The customer chose to pay the open invoice of
 *   a failed renewal; `<duly-portal>` opens its pay form.
 * @fires duly-session-expired - The session expired; the element is renewing it.
 *
 * @csspart subscriptions - The card.
 * @csspart subscription - One subscription.
 * @csspart status - A status badge.
 * @csspart change-form - The form that changes plan or quantity.
 * @csspart cancel-form - The form that cancels.
 * @csspart empty - The state shown with no subscriptions.
 * @csspart error - The error state.
 */
export class DulySubscriptions extends DulyElement {
  static override styles = [tokens, base, forms, textareaFields, panelStyles, subscriptionsStyles];

  @state() private subscriptions?: Subscription[];
  @state() private loadError?: unknown;
  @state() private options?: PortalSubscriptionOptions;
  @state() private draft?: ChangeDraft | CancelDraft;
  @state() private busy?: string;
  @state() private notice?: Notice;

  #optionsLoad?: Promise<void>;

  private get text(): SubscriptionsMessages {
    return partMessages(subscriptionsMessages, this.l10n);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.subscriptions) void this.refresh();
  }

  /** Loads the subscriptions again. */
  async refresh(): Promise<void> {
    this.loadError = undefined;
    try {
      const page = await this.portal.listSubscriptions({ limit: 100 });
      this.subscriptions = page.data;
    } catch (error) {
      this.loadError = error;
    }
  }

  /** Loads the plans and cancellation reasons once; a failure shows in the open form. */
  #loadOptions(): Promise<void> {
    if (this.options) return Promise.resolve();
    this.#optionsLoad ??= this.portal.getSubscriptionOptions().then(
      (options) => {
        this.options = options;
      },
      (error: unknown) => {
        this.#optionsLoad = undefined;
        this.#setDraftError(
          `${this.text.optionsFailed} ${errorMessage(error, this.l10n.messages)}`,
        );
      },
    );
    return this.#optionsLoad;
  }

  // --- Change of plan or quantity ---

  private async openChange(subscription: Subscription): Promise<void> {
    this.notice = undefined;
    this.draft = {
      kind: 'change',
      subscription: subscription.id,
      plan: subscription.plan.id,
      quantity: String(subscription.quantity),
      busy: undefined,
    };
    await this.updateComplete;
    this.#focusIn(subscription.id, '[data-testid="change-form"] h4');
    await this.#loadOptions();
  }

  private updateChange(fields: Partial<ChangeDraft>): void {
    if (this.draft?.kind !== 'change') return;
    const choiceChanged = 'plan' in fields || 'quantity' in fields;
    this.draft = {
      ...this.draft,
      ...fields,
      ...(choiceChanged
        ? {
            preview: undefined,
            idempotencyKey: undefined,
            quantityError: undefined,
            error: undefined,
          }
        : {}),
    };
  }

  private stepQuantity(by: number): void {
    if (this.draft?.kind !== 'change') return;
    const current = readQuantity(this.draft.quantity) ?? 1;
    this.updateChange({ quantity: String(Math.min(1_000_000, Math.max(1, current + by))) });
  }

  /** Returns the change the form describes, or undefined after marking what is wrong. */
  #changeRequest(
    draft: ChangeDraft,
    subscription: Subscription,
  ): SubscriptionChangeRequest | undefined {
    const quantity = readQuantity(draft.quantity);
    if (quantity === undefined) {
      this.draft = { ...draft, quantityError: this.text.quantityInvalid };
      return undefined;
    }
    const request: SubscriptionChangeRequest = {};
    if (draft.plan !== subscription.plan.id) request.plan = draft.plan;
    if (quantity !== subscription.quantity) request.quantity = quantity;
    if (request.plan === undefined && request.quantity === undefined) {
      // Choosing the current plan and quantity is a change only while another is
      // scheduled: it drops the scheduled one.
      if (subscription.scheduled_change) return { plan: subscription.plan.id };
      this.draft = { ...draft, error: this.text.nothingChanged };
      return undefined;
    }
    return request;
  }

  private async reviewChange(): Promise<void> {
    const draft = this.draft;
    if (draft?.kind !== 'change' || draft.busy) return;
    const subscription = this.#subscription(draft.subscription);
    const request = this.#changeRequest(draft, subscription);
    if (!request) {
      await this.updateComplete;
      this.#focusIn(subscription.id, '[aria-invalid="true"], [data-testid="change-error"]');
      return;
    }

    this.draft = { ...draft, busy: 'preview', error: undefined };
    try {
      const preview = await this.portal.previewSubscriptionChange(subscription.id, request);
      if (this.draft?.kind !== 'change') return;
      this.draft = {
        ...this.draft,
        busy: undefined,
        preview,
        idempotencyKey: createIdempotencyKey(),
      };
    } catch (error) {
      this.#failDraft(error);
    }
  }

  private async confirmChange(): Promise<void> {
    const draft = this.draft;
    if (draft?.kind !== 'change' || draft.busy || !draft.preview || !draft.idempotencyKey) return;
    const subscription = this.#subscription(draft.subscription);
    const request = this.#changeRequest(draft, subscription);
    if (!request) return;

    const preview = draft.preview;
    this.draft = { ...draft, busy: 'confirm', error: undefined };
    try {
      const changed = await this.portal.changeSubscription(
        subscription.id,
        { ...request, proration_date: preview.proration_date },
        { idempotencyKey: draft.idempotencyKey },
      );
      const { locale } = this.l10n;
      const money = (amount: number) => formatMoney(amount, preview.currency, locale);
      const text = this.text;
      let message: string;
      if (changed.scheduled_change === null && subscription.scheduled_change) {
        message = text.scheduledDropped;
      } else if (preview.effective === 'period_end') {
        message = text.changedLater(formatPeriodDate(preview.effective_at, locale));
      } else if (preview.net > 0) message = text.changedNow(money(preview.net));
      else if (preview.net < 0) message = text.changedCredit(money(-preview.net));
      else message = text.changedFree;
      await this.#applied(changed, message);
    } catch (error) {
      if (error instanceof DulyInvalidRequestError && error.param === 'proration_date') {
        // The preview went stale: its price no longer applies, so it is priced again.
        this.draft = {
          ...draft,
          busy: undefined,
          preview: undefined,
          error: this.text.previewStale,
        };
        return;
      }
      this.#failDraft(error);
    }
  }

  // --- Cancellation ---

  private async openCancel(subscription: Subscription): Promise<void> {
    this.notice = undefined;
    this.draft = {
      kind: 'cancel',
      subscription: subscription.id,
      at: 'period_end',
      reason: '',
      comment: '',
      confirming: false,
      busy: false,
    };
    await this.updateComplete;
    this.#focusIn(subscription.id, '[data-testid="cancel-form"] h4');
    await this.#loadOptions();
  }

  private updateCancel(fields: Partial<CancelDraft>): void {
    if (this.draft?.kind !== 'cancel') return;
    this.draft = { ...this.draft, ...fields, reasonError: undefined, error: undefined };
  }

  private async proceedCancel(): Promise<void> {
    const draft = this.draft;
    if (draft?.kind !== 'cancel' || !this.options) return;
    if (draft.reason === '') {
      this.draft = { ...draft, reasonError: this.text.reasonMissing };
      await this.updateComplete;
      this.#focusIn(draft.subscription, '[data-testid="cancel-reason"]');
      return;
    }
    this.draft = { ...draft, confirming: true };
    await this.updateComplete;
    this.#focusIn(draft.subscription, '[data-testid="cancel-question"]');
  }

  private async confirmCancel(): Promise<void> {
    const draft = this.draft;
    if (draft?.kind !== 'cancel' || draft.busy || !draft.confirming) return;
    this.draft = { ...draft, busy: true, error: undefined };
    const comment = draft.comment.trim();
    try {
      const canceled = await this.portal.cancelSubscription(draft.subscription, {
        at: draft.at,
        reason: draft.reason,
        ...(comment ? { comment } : {}),
      });
      const text = this.text;
      await this.#applied(
        canceled,
        draft.at === 'now'
          ? text.canceledNow
          : text.canceledLater(formatPeriodDate(canceled.current_period_end, this.l10n.locale)),
      );
    } catch (error) {
      this.#failDraft(error);
    }
  }

  // --- Resume, pause, unpause and paying a failed renewal ---

  /** Returns the message shown after an action, from the subscription before and after it. */
  #actionMessage(
    action: 'resume' | 'pause' | 'unpause',
    before: Subscription,
    after: Subscription,
  ): string {
    const text = this.text;
    if (action === 'resume') return text.resumed;
    if (action === 'pause') return text.paused;
    // The API starts a new period only when the paused one has ended.
    return after.current_period_start === before.current_period_start
      ? text.unpaused(formatPeriodDate(after.current_period_end, this.l10n.locale))
      : text.unpausedNewPeriod;
  }

  private async runAction(
    subscription: Subscription,
    action: 'resume' | 'pause' | 'unpause',
  ): Promise<void> {
    if (this.busy) return;
    this.busy = subscription.id;
    this.notice = undefined;
    try {
      const updated =
        action === 'resume'
          ? await this.portal.resumeSubscription(subscription.id)
          : action === 'pause'
            ? await this.portal.pauseSubscription(subscription.id)
            : await this.portal.unpauseSubscription(subscription.id);
      await this.#applied(updated, this.#actionMessage(action, subscription, updated));
    } catch (error) {
      this.notice = {
        subscription: subscription.id,
        text: this.#problemText(error),
        tone: 'error',
      };
      // A subscription changed elsewhere meanwhile shows as it is now.
      if (error instanceof DulyConflictError) void this.refresh();
    } finally {
      this.busy = undefined;
    }
  }

  /** Opens the pay form of `<duly-portal>` on the open invoice of a failed renewal. */
  private async payInvoice(subscription: Subscription): Promise<void> {
    if (!subscription.latest_invoice || this.busy) return;
    this.busy = subscription.id;
    this.notice = undefined;
    try {
      const invoice = await this.portal.getInvoice(subscription.latest_invoice);
      emit(this, 'duly-pay-request', { invoices: [invoice] });
    } catch (error) {
      this.notice = {
        subscription: subscription.id,
        text: `${this.text.payInvoiceFailed} ${errorMessage(error, this.l10n.messages)}`,
        tone: 'error',
      };
    } finally {
      this.busy = undefined;
    }
  }

  /** Shows `updated` in place of the old one, closes the form and announces `message`. */
  async #applied(updated: Subscription, message: string): Promise<void> {
    this.subscriptions = (this.subscriptions ?? []).map((item) =>
      item.id === updated.id ? updated : item,
    );
    this.draft = undefined;
    this.notice = { subscription: updated.id, text: message, tone: 'success' };
    emit<SubscriptionUpdatedDetail>(this, 'duly-subscription-updated', { subscription: updated });
    await this.updateComplete;
    this.#focusIn(updated.id, 'h3');
  }

  #failDraft(error: unknown): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, busy: this.draft.kind === 'cancel' ? false : undefined } as
      | ChangeDraft
      | CancelDraft;
    this.#setDraftError(this.#problemText(error));
    if (error instanceof DulyInvalidRequestError && error.param === 'quantity') {
      if (this.draft.kind === 'change') this.draft = { ...this.draft, quantityError: error.detail };
    }
  }

  #setDraftError(message: string): void {
    if (this.draft) this.draft = { ...this.draft, error: message } as ChangeDraft | CancelDraft;
  }

  /** Returns what the customer reads about a failed request, with what to do next. */
  #problemText(error: unknown): string {
    if (
      error instanceof DulyInvalidRequestError ||
      error instanceof DulyConflictError ||
      error instanceof DulyPermissionError
    ) {
      return error.detail;
    }
    return `${this.text.actionFailed} ${errorMessage(error, this.l10n.messages)}`;
  }

  private async closeDraft(): Promise<void> {
    const draft = this.draft;
    this.draft = undefined;
    if (!draft) return;
    await this.updateComplete;
    const opener = draft.kind === 'change' ? 'change-plan' : 'cancel-subscription';
    this.#focusIn(draft.subscription, `[data-testid="${opener}"]`);
  }

  #subscription(id: string): Subscription {
    const found = this.subscriptions?.find((item) => item.id === id);
    if (!found) throw new Error(`<duly-subscriptions>: no subscription ${id} is shown.`);
    return found;
  }

  #focusIn(subscriptionId: string, selector: string): void {
    this.renderRoot
      .querySelector<HTMLElement>(`[data-subscription-id="${subscriptionId}"] ${selector}`)
      ?.focus();
  }

  // --- Rendering ---

  protected override render(): TemplateResult {
    const { messages } = this.l10n;
    const text = this.text;
    let body: TemplateResult;
    if (this.loadError) {
      body = errorState(text.loadFailed, this.loadError, messages, () => void this.refresh());
    } else if (!this.subscriptions) {
      body = html`<div class="skeletons" aria-busy="true" aria-label=${messages.loading}>
        <span class="skeleton"></span><span class="skeleton"></span>
      </div>`;
    } else if (this.subscriptions.length === 0) {
      body = emptyState(text.emptyTitle, text.emptyBody);
    } else {
      body = html`<ul class="subscriptions">
        ${this.subscriptions.map((subscription) => html`<li>${this.renderSubscription(subscription)}</li>`)}
      </ul>`;
    }

    return html`<section
      class="card panel"
      part="subscriptions"
      aria-labelledby="subscriptions-heading"
    >
      <div class="panel-header">
        <h2 id="subscriptions-heading" tabindex="-1">${text.heading}</h2>
      </div>
      ${body}
    </section>`;
  }

  private renderSubscription(subscription: Subscription): TemplateResult {
    const { locale } = this.l10n;
    const text = this.text;
    const draft = this.draft?.subscription === subscription.id ? this.draft : undefined;

    return html`<article
      class="subscription"
      part="subscription"
      data-testid="subscription"
      data-subscription-id=${subscription.id}
      aria-labelledby=${`subscription-${subscription.id}`}
    >
      <header class="subscription-header">
        <h3 id=${`subscription-${subscription.id}`} tabindex="-1">${subscription.plan.name}</h3>
        ${subscriptionBadge(subscription, text)}
      </header>
      <dl class="facts">
        <div>
          <dt>${text.price}</dt>
          <dd data-testid="subscription-price">
            ${planPrice(subscription.plan, subscription.quantity, locale, text)}
          </dd>
        </div>
        <div>
          <dt>${text.quantity}</dt>
          <dd data-testid="subscription-quantity">${subscription.quantity}</dd>
        </div>
        ${subscription.status === 'canceled' ? nothing : this.renderPeriod(subscription)}
      </dl>
      ${this.renderState(subscription)}
      <div role="status" aria-live="polite" class="notice-slot">
        ${this.renderNotice(subscription)}
      </div>
      ${draft ? this.renderDraft(draft, subscription) : this.renderActions(subscription)}
    </article>`;
  }

  private renderPeriod(subscription: Subscription): TemplateResult {
    const { locale } = this.l10n;
    const text = this.text;
    const date = (instant: string) => formatPeriodDate(instant, locale);
    const renewal = subscription.next_renewal;
    return html`<div>
        <dt>${text.currentPeriod}</dt>
        <dd data-testid="subscription-period">
          ${text.periodRange(date(subscription.current_period_start), date(subscription.current_period_end))}
        </dd>
      </div>
      ${
        renewal
          ? html`<div>
              <dt>${text.nextRenewal}</dt>
              <dd data-testid="next-renewal">
                ${text.renewalOn(formatMoney(renewal.amount, renewal.currency, locale), date(renewal.at))}
              </dd>
            </div>`
          : nothing
      }
      ${
        subscription.status === 'trialing' && subscription.trial_end
          ? html`<div>
              <dt>${text.trialEnds}</dt>
              <dd data-testid="trial-end">${date(subscription.trial_end)}</dd>
            </div>`
          : nothing
      }`;
  }

  /** Draws what is pending on the subscription, with the action that settles it. */
  private renderState(subscription: Subscription): TemplateResult | typeof nothing {
    const { locale } = this.l10n;
    const text = this.text;
    const date = (instant: string) => formatPeriodDate(instant, locale);
    const busy = this.busy === subscription.id;

    if (subscription.status === 'canceled') {
      return subscription.canceled_at
        ? html`<p class="muted" data-testid="subscription-ended">${text.canceledOn(date(subscription.canceled_at))}</p>`
        : nothing;
    }
    if (subscription.cancel_at_period_end) {
      return html`<div class="alert info" data-testid="subscription-ending">
        ${clockIcon}<span><strong>${text.endsOn(date(subscription.current_period_end))}</strong></span>
        <div class="alert-actions">
          ${this.actionButton(subscription, 'resume', text.resume, busy, 'primary')}
        </div>
      </div>`;
    }
    if (subscription.status === 'paused') {
      return html`<div class="alert info" data-testid="subscription-paused">
        ${alertIcon}<span>
          <strong>${text.pausedSince(date(subscription.paused_at ?? subscription.current_period_start))}</strong>
          ${
            subscription.pause_allowed
              ? html`<br />${text.resumeKeepsPeriod(date(subscription.current_period_end))}`
              : html`<br />${text.pausedNoResume}`
          }
        </span>
        ${
          subscription.pause_allowed
            ? html`<div class="alert-actions">
                ${this.actionButton(subscription, 'unpause', text.unpause, busy, 'primary')}
              </div>`
            : nothing
        }
      </div>`;
    }
    if (subscription.status === 'past_due') {
      return html`<div class="alert" role="alert" data-testid="subscription-past-due">
        ${alertIcon}<span><strong>${text.pastDue}</strong></span>
        ${
          subscription.latest_invoice && this.hasFeature('pay')
            ? html`<div class="alert-actions">
                <button
                  class="button primary"
                  type="button"
                  data-testid="pay-renewal"
                  aria-disabled=${busy ? 'true' : 'false'}
                  @click=${() => this.payInvoice(subscription)}
                >
                  ${text.payInvoice}
                </button>
              </div>`
            : nothing
        }
      </div>`;
    }
    const scheduled = subscription.scheduled_change;
    if (scheduled) {
      return html`<p class="scheduled small" data-testid="scheduled-change">
        ${text.scheduled(scheduled.plan.name, scheduled.quantity, date(scheduled.effective_at))}
      </p>`;
    }
    return nothing;
  }

  private renderNotice(subscription: Subscription): TemplateResult | typeof nothing {
    const notice = this.notice;
    if (notice?.subscription !== subscription.id) return nothing;
    return notice.tone === 'success'
      ? html`<p class="notice" data-testid="subscription-notice">${checkIcon}${notice.text}</p>`
      : html`<p class="field-error" data-testid="subscription-notice">${alertIcon}${notice.text}</p>`;
  }

  private actionButton(
    subscription: Subscription,
    action: 'resume' | 'pause' | 'unpause',
    label: string,
    busy: boolean,
    tone: 'primary' | 'secondary',
  ): TemplateResult {
    return html`<button
      class=${`button ${tone}`}
      type="button"
      data-testid=${`${action}-subscription`}
      aria-disabled=${busy ? 'true' : 'false'}
      @click=${() => this.runAction(subscription, action)}
    >
      ${label}
    </button>`;
  }

  private renderActions(subscription: Subscription): TemplateResult | typeof nothing {
    const text = this.text;
    const live = subscription.status !== 'canceled' && !subscription.cancel_at_period_end;
    if (!live) return nothing;
    const changeable = subscription.status !== 'paused';
    const pausable = subscription.pause_allowed && subscription.status === 'active';
    return html`<div class="subscription-actions">
      ${
        changeable
          ? html`<button
              class="button secondary"
              type="button"
              data-testid="change-plan"
              @click=${() => this.openChange(subscription)}
            >
              ${text.change}
            </button>`
          : nothing
      }
      ${pausable ? this.actionButton(subscription, 'pause', text.pause, this.busy === subscription.id, 'secondary') : nothing}
      <button
        class="link-button cancel-link"
        type="button"
        data-testid="cancel-subscription"
        @click=${() => this.openCancel(subscription)}
      >
        ${text.cancelSubscription}
      </button>
    </div>`;
  }

  private renderDraft(
    draft: ChangeDraft | CancelDraft,
    subscription: Subscription,
  ): TemplateResult {
    const { locale, messages } = this.l10n;
    const text = this.text;
    if (draft.kind === 'change') {
      return renderChangeForm(draft, subscription, {
        locale,
        text,
        cancelLabel: messages.cancel,
        plans: this.options?.plans,
        update: (fields) => this.updateChange(fields),
        step: (by) => this.stepQuantity(by),
        review: () => void this.reviewChange(),
        confirm: () => void this.confirmChange(),
        close: () => void this.closeDraft(),
      });
    }
    return renderCancelForm(draft, subscription, {
      locale,
      text,
      reasons: this.options?.cancellation_reasons,
      update: (fields) => this.updateCancel(fields),
      proceed: () => void this.proceedCancel(),
      confirm: () => void this.confirmCancel(),
      close: () => void this.closeDraft(),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-subscriptions': DulySubscriptions;
  }
  interface GlobalEventHandlersEventMap {
    'duly-subscription-updated': CustomEvent<SubscriptionUpdatedDetail>;
  }
}
