import type { CreateThreadRequest, DisputeReason, Invoice, InvoiceThread } from '@duly/sdk';
import { DulyConflictError, DulyInvalidRequestError } from '@duly/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { partMessages } from '../i18n/index.js';
import { readAmount } from '../shared/amount-field.js';
import { DulyElement } from '../shared/duly-element.js';
import { emit } from '../shared/events.js';
import { fieldError, formActions, submitAlert } from '../shared/fields.js';
import { formatMoney } from '../shared/format.js';
import { checkIcon, clockIcon } from '../shared/icons.js';
import { errorMessage, errorState } from '../shared/states.js';
import { base, forms, tokens } from '../shared/styles.js';
import { threadsStyles } from './duly-invoice-threads.styles.js';
import { type ThreadsMessages, threadsMessages } from './threads.messages.js';

/** The API's dispute reasons, in the order the form lists them. */
export const DISPUTE_REASONS: readonly DisputeReason[] = [
  'incorrect_amount',
  'not_received',
  'damaged_or_defective',
  'duplicate',
  'already_paid',
  'other',
];

type ThreadKind = InvoiceThread['kind'];

/** The text the customer typed in the question or dispute form. */
interface ThreadDraft {
  kind: ThreadKind;
  reason: string;
  message: string;
  amount: string;
}

/** Detail of `duly-thread-created`. */
export interface ThreadCreatedDetail {
  /** The new question or dispute; a dispute has marked its invoice disputed. */
  thread: InvoiceThread;
}

const STATUS_ICONS = { open: clockIcon, answered: checkIcon, resolved: checkIcon } as const;

/**
 * The questions and disputes about one invoice, each with its messages, its status and a
 * reply box until the vendor resolves it. Two forms ask a question or dispute the invoice,
 * the latter with a reason, a message and, optionally, the amount in dispute. Without the
 * `disputes` feature the threads are shown but nothing can be sent.
 *
 * @tag duly-invoice-threads
 *
 * @attr session - Portal session token (`pst_...`).
 * @attr api - Base address of the Duly API.
 * @attr locale - BCP 47 language; defaults to the session's locale, then `en`.
 * @attr theme - `light` (default), `dark` or `auto`.
 *
 * @prop {Invoice} invoice - The invoice whose threads are shown.
 * @prop {string} vendorName - The name shown on the vendor's messages.
 * @prop {PortalClient} client - Portal client to use instead of `session` and `api`.
 * @prop {() => Promise<string>} fetchSession - Returns a new session token on expiry.
 *
 * @fires duly-thread-created - {ThreadCreatedDetail} The customer asked a question or
 *   disputed the invoice.
 * @fires duly-session-expired - The session expired; the element is renewing it.
 *
 * @csspart thread - One question or dispute.
 * @csspart form - The question or dispute form.
 * @csspart error - The error state.
 */
export class DulyInvoiceThreads extends DulyElement {
  static override styles = [tokens, base, forms, threadsStyles];

  /** The invoice whose questions and disputes are shown. */
  @property({ attribute: false }) invoice?: Invoice;

  /** The vendor's name on its messages; "Vendor" when not set. */
  @property({ attribute: false }) vendorName?: string;

  @state() private threads?: InvoiceThread[];
  @state() private loadError?: unknown;
  @state() private draft?: ThreadDraft;
  @state() private draftErrors: Partial<Record<keyof ThreadDraft, string>> = {};
  @state() private sending = false;
  @state() private sendError?: unknown;
  @state() private replies: Record<string, string> = {};
  @state() private replyErrors: Record<string, string> = {};
  @state() private replying?: string;
  @state() private notice = '';

  #loadedFor?: string;
  #requestGeneration = 0;

  private get text(): ThreadsMessages {
    return partMessages(threadsMessages, this.l10n);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('invoice') && this.invoice?.id !== this.#loadedFor) || changed.has('client')) {
      this.draft = undefined;
      this.notice = '';
      void this.refresh();
    }
  }

  /** Loads the invoice's threads again. */
  async refresh(): Promise<void> {
    const generation = ++this.#requestGeneration;
    this.#loadedFor = this.invoice?.id;
    this.threads = undefined;
    this.loadError = undefined;
    if (!this.invoice) return;
    try {
      const page = await this.portal.listThreads({ invoice: this.invoice.id, limit: 100 });
      if (generation === this.#requestGeneration) this.threads = page.data;
    } catch (error) {
      if (generation === this.#requestGeneration) this.loadError = error;
    }
  }

  /** Checks that the invoice has a dispute the vendor has not resolved yet. */
  private get hasOpenDispute(): boolean {
    return (this.threads ?? []).some(
      (thread) => thread.kind === 'dispute' && thread.status !== 'resolved',
    );
  }

  private async openForm(kind: ThreadKind): Promise<void> {
    this.draft = { kind, reason: '', message: '', amount: '' };
    this.draftErrors = {};
    this.sendError = undefined;
    this.notice = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#thread-reason, #thread-message')?.focus();
  }

  /** Closes the form and focuses the button that opened it, shown again in its place. */
  private async closeForm(): Promise<void> {
    const kind = this.draft?.kind;
    this.draft = undefined;
    await this.updateComplete;
    const button = kind === 'dispute' ? 'dispute-invoice' : 'ask-question';
    this.renderRoot.querySelector<HTMLElement>(`[data-testid="${button}"]`)?.focus();
  }

  private updateDraft(field: keyof Omit<ThreadDraft, 'kind'>, value: string): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, [field]: value };
    if (this.draftErrors[field]) this.draftErrors = { ...this.draftErrors, [field]: undefined };
  }

  /** Checks the draft; returns the request to send, or undefined after showing the errors. */
  private checkDraft(draft: ThreadDraft, invoice: Invoice): CreateThreadRequest | undefined {
    const { locale, messages } = this.l10n;
    const text = this.text;
    const errors: Partial<Record<keyof ThreadDraft, string>> = {};
    const request: CreateThreadRequest = { kind: draft.kind, message: draft.message.trim() };

    if (draft.kind === 'dispute') {
      if (draft.reason === '') errors.reason = text.reasonMissing;
      else request.reason = draft.reason as DisputeReason;
    }
    if (request.message === '') errors.message = text.messageMissing;
    if (draft.kind === 'dispute' && draft.amount.trim() !== '') {
      const reading = readAmount(draft.amount, invoice.currency, locale, messages);
      if (reading.error !== undefined) errors.amount = reading.error;
      else if (reading.amount > invoice.total) {
        errors.amount = text.amountTooHigh(formatMoney(invoice.total, invoice.currency, locale));
      } else request.amount = reading.amount;
    }

    this.draftErrors = errors;
    return Object.keys(errors).length === 0 ? request : undefined;
  }

  private async send(event: Event): Promise<void> {
    event.preventDefault();
    const { draft, invoice } = this;
    if (!draft || !invoice || this.sending) return;
    const request = this.checkDraft(draft, invoice);
    if (!request) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.thread-form [aria-invalid="true"]')?.focus();
      return;
    }

    this.sending = true;
    this.sendError = undefined;
    try {
      const thread = await this.portal.createThread(invoice.id, request);
      this.threads = [thread, ...(this.threads ?? [])];
      this.draft = undefined;
      this.notice = thread.kind === 'dispute' ? this.text.disputeSent : this.text.questionSent;
      emit<ThreadCreatedDetail>(this, 'duly-thread-created', { thread });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#thread-${thread.id}-title`)?.focus();
    } catch (error) {
      this.sendError = error;
      this.showFieldError(error);
    } finally {
      this.sending = false;
    }
  }

  /** Marks the field that the API named in a `validation_failed` problem. */
  private showFieldError(error: unknown): void {
    if (!(error instanceof DulyInvalidRequestError)) return;
    const field = error.param;
    if (field === 'message' || field === 'reason' || field === 'amount') {
      this.draftErrors = { ...this.draftErrors, [field]: error.detail };
    }
  }

  private async sendReply(thread: InvoiceThread, event: Event): Promise<void> {
    event.preventDefault();
    if (this.replying) return;
    const message = (this.replies[thread.id] ?? '').trim();
    if (message === '') {
      this.replyErrors = { ...this.replyErrors, [thread.id]: this.text.messageMissing };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#reply-${thread.id}`)?.focus();
      return;
    }

    this.replying = thread.id;
    this.replyErrors = { ...this.replyErrors, [thread.id]: '' };
    this.notice = '';
    try {
      const updated = await this.portal.replyToThread(thread.id, message);
      this.threads = (this.threads ?? []).map((item) => (item.id === updated.id ? updated : item));
      this.replies = { ...this.replies, [thread.id]: '' };
      this.notice = this.text.replySent;
    } catch (error) {
      this.replyErrors = { ...this.replyErrors, [thread.id]: this.problemText(error) };
      // A thread resolved meanwhile shows as resolved, without its reply box.
      if (error instanceof DulyConflictError) void this.refresh();
    } finally {
      this.replying = undefined;
    }
  }

  /** Returns what the customer reads about a failed send. */
  private problemText(error: unknown): string {
    if (error instanceof DulyInvalidRequestError || error instanceof DulyConflictError) {
      return error.detail;
    }
    return `${this.text.sendFailed} ${errorMessage(error, this.l10n.messages)}`;
  }

  protected override render(): TemplateResult {
    const text = this.text;
    return html`<section class="threads" aria-labelledby="threads-heading">
      <div class="threads-header">
        <h3 id="threads-heading">${text.heading}</h3>
        ${this.renderActions()}
      </div>
      <div role="status" aria-live="polite" class="notice-slot">
        ${this.notice ? html`<p class="notice" data-testid="thread-notice">${checkIcon}${this.notice}</p>` : nothing}
      </div>
      ${this.draft && this.invoice ? this.renderForm(this.draft, this.invoice) : nothing}
      ${this.renderThreads()}
    </section>`;
  }

  private renderActions(): TemplateResult | typeof nothing {
    const invoice = this.invoice;
    if (!this.hasFeature('disputes') || !invoice || this.draft || !this.threads) return nothing;
    const text = this.text;
    // The API takes disputes of open invoices only; a question works on any of them.
    const disputable = invoice.status === 'open' && !this.hasOpenDispute;
    return html`<div class="thread-actions">
      <button
        class="button secondary"
        type="button"
        data-testid="ask-question"
        @click=${() => this.openForm('question')}
      >
        ${text.ask}
      </button>
      ${
        disputable
          ? html`<button
              class="button secondary"
              type="button"
              data-testid="dispute-invoice"
              @click=${() => this.openForm('dispute')}
            >
              ${text.dispute}
            </button>`
          : nothing
      }
    </div>`;
  }

  private renderForm(draft: ThreadDraft, invoice: Invoice): TemplateResult {
    const { locale } = this.l10n;
    const text = this.text;
    const errors = this.draftErrors;
    const isDispute = draft.kind === 'dispute';
    const describedBy = (id: string, hint?: string) =>
      [hint, errors[id as keyof ThreadDraft] ? `thread-${id}-error` : undefined]
        .filter(Boolean)
        .join(' ') || nothing;

    return html`<form
      class="thread-form"
      part="form"
      data-testid="thread-form"
      data-kind=${draft.kind}
      novalidate
      aria-labelledby="thread-form-title"
      @submit=${this.send}
    >
      <h4 id="thread-form-title">${isDispute ? text.disputeTitle : text.askTitle}</h4>
      ${
        isDispute
          ? html`<div class="field">
              <label for="thread-reason">${text.reason}</label>
              <select
                id="thread-reason"
                data-testid="dispute-reason"
                required
                aria-invalid=${errors.reason ? 'true' : 'false'}
                aria-describedby=${describedBy('reason')}
                @change=${(event: Event) =>
                  this.updateDraft('reason', (event.target as HTMLSelectElement).value)}
              >
                <option value="" ?selected=${draft.reason === ''}>${text.chooseReason}</option>
                ${DISPUTE_REASONS.map(
                  (reason) =>
                    html`<option value=${reason} ?selected=${draft.reason === reason}>
                      ${text.reasons[reason]}
                    </option>`,
                )}
              </select>
              ${fieldError('thread-reason', errors.reason)}
            </div>`
          : nothing
      }
      <div class="field">
        <label for="thread-message">${text.message}</label>
        <textarea
          id="thread-message"
          data-testid="thread-message"
          rows="4"
          maxlength="5000"
          required
          aria-invalid=${errors.message ? 'true' : 'false'}
          aria-describedby=${describedBy('message')}
          .value=${draft.message}
          @input=${(event: Event) =>
            this.updateDraft('message', (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${fieldError('thread-message', errors.message)}
      </div>
      ${
        isDispute
          ? html`<div class="field">
              <label for="thread-amount">${text.amountDisputed(invoice.currency)}</label>
              <input
                id="thread-amount"
                data-testid="dispute-amount"
                inputmode="decimal"
                autocomplete="off"
                aria-invalid=${errors.amount ? 'true' : 'false'}
                aria-describedby=${describedBy('amount', 'thread-amount-hint')}
                .value=${draft.amount}
                @input=${(event: Event) =>
                  this.updateDraft('amount', (event.target as HTMLInputElement).value)}
              />
              <span class="hint" id="thread-amount-hint">
                ${text.amountHint(formatMoney(invoice.total, invoice.currency, locale))}
              </span>
              ${fieldError('thread-amount', errors.amount)}
            </div>`
          : nothing
      }
      ${this.sendError ? submitAlert('thread-error', this.problemText(this.sendError)) : nothing}
      ${formActions({
        cancelLabel: this.l10n.messages.cancel,
        onCancel: () => void this.closeForm(),
        submitLabel: text.send,
        busyLabel: text.sending,
        busy: this.sending,
        submitTestId: 'thread-send',
      })}
    </form>`;
  }

  private renderThreads(): TemplateResult {
    const { messages } = this.l10n;
    const text = this.text;
    if (this.loadError) {
      return errorState(text.loadFailed, this.loadError, messages, () => void this.refresh());
    }
    if (!this.threads) {
      return html`<span class="skeleton" aria-label=${messages.loading}></span>`;
    }
    if (this.threads.length === 0) {
      return html`<p class="muted small" data-testid="no-threads">${text.none}</p>`;
    }
    return html`<div class="thread-list">
      ${this.threads.map((thread) => this.renderThread(thread))}
    </div>`;
  }

  private renderThread(thread: InvoiceThread): TemplateResult {
    const { locale } = this.l10n;
    const text = this.text;
    const kind = text.kinds[thread.kind] ?? thread.kind;
    const title = thread.reason ? `${kind} · ${text.reasons[thread.reason]}` : kind;

    return html`<article
      class="thread"
      part="thread"
      data-testid="thread"
      data-thread-id=${thread.id}
      data-status=${thread.status}
      aria-labelledby=${`thread-${thread.id}-title`}
    >
      <header class="thread-header">
        <h4 id=${`thread-${thread.id}-title`} tabindex="-1">${title}</h4>
        <span class=${`badge thread-status ${thread.status}`} data-testid="thread-status">
          ${STATUS_ICONS[thread.status]}${text.statuses[thread.status]}
        </span>
      </header>
      ${
        thread.kind === 'dispute'
          ? html`<p class="muted small" data-testid="disputed-amount">
              ${
                thread.amount_disputed === null
                  ? text.wholeInvoice
                  : text.disputedPart(formatMoney(thread.amount_disputed, thread.currency, locale))
              }
            </p>`
          : nothing
      }
      <ol class="messages">
        ${thread.messages.map(
          (message) => html`<li class=${`message ${message.author}`} data-author=${message.author}>
            <p class="meta small">
              <strong>${message.author === 'customer' ? text.you : (this.vendorName ?? text.vendor)}</strong>
              <time datetime=${message.created_at}>${formatInstant(message.created_at, locale)}</time>
            </p>
            <p class="body">${message.body}</p>
          </li>`,
        )}
      </ol>
      ${thread.status === 'resolved' ? this.renderResolution(thread) : this.renderReply(thread)}
    </article>`;
  }

  private renderResolution(thread: InvoiceThread): TemplateResult {
    const text = this.text;
    return html`<div class="resolution" data-testid="resolution">
      <p><strong>${text.resolution}</strong></p>
      <p class="body">${thread.resolution}</p>
      <p class="muted small">${text.resolvedNote}</p>
    </div>`;
  }

  private renderReply(thread: InvoiceThread): TemplateResult | typeof nothing {
    if (!this.hasFeature('disputes')) return nothing;
    const text = this.text;
    const id = `reply-${thread.id}`;
    const error = this.replyErrors[thread.id] || undefined;
    const busy = this.replying === thread.id;
    return html`<form class="reply" novalidate @submit=${(event: Event) => this.sendReply(thread, event)}>
      <div class="field">
        <label for=${id}>${text.reply}</label>
        <textarea
          id=${id}
          data-testid="reply-message"
          rows="2"
          maxlength="5000"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${id}-error` : nothing}
          .value=${this.replies[thread.id] ?? ''}
          @input=${(event: Event) => {
            this.replies = {
              ...this.replies,
              [thread.id]: (event.target as HTMLTextAreaElement).value,
            };
          }}
        ></textarea>
        ${fieldError(id, error)}
      </div>
      <button
        class="button secondary"
        type="submit"
        data-testid="reply-send"
        aria-disabled=${busy ? 'true' : 'false'}
      >
        ${busy ? text.sending : text.send}
      </button>
    </form>`;
  }
}

/** Formats an ISO 8601 instant as a date and time in the customer's own time zone. */
function formatInstant(instant: string, locale: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

declare global {
  interface HTMLElementTagNameMap {
    'duly-invoice-threads': DulyInvoiceThreads;
  }
  interface GlobalEventHandlersEventMap {
    'duly-thread-created': CustomEvent<ThreadCreatedDetail>;
  }
}
