import type { Invoice } from '@duly/sdk';
import {
  DulyAuthenticationError,
  DulyConnectionError,
  DulyError,
  DulyNotFoundError,
} from '@duly/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { Messages } from '../i18n/index.js';
import {
  alertIcon,
  checkIcon,
  clockIcon,
  draftIcon,
  halfIcon,
  inboxIcon,
  retryIcon,
  slashIcon,
} from './icons.js';

/** Explains a failed request in the customer's words. */
export function errorMessage(error: unknown, messages: Messages): string {
  if (error instanceof DulyConnectionError) return messages.connectionProblem;
  if (error instanceof DulyAuthenticationError) return messages.sessionEnded;
  if (error instanceof DulyNotFoundError) return messages.notFound;
  return messages.serverProblem;
}

/** An error state: what failed, why, the request id for support, and a retry button. */
export function errorState(
  title: string,
  error: unknown,
  messages: Messages,
  retry: () => void,
): TemplateResult {
  const requestId = error instanceof DulyError ? error.requestId : undefined;
  return html`
    <div class="state error" part="error" role="alert">
      <span class="state-icon">${alertIcon}</span>
      <h3>${title}</h3>
      <p class="muted">${errorMessage(error, messages)}</p>
      ${requestId ? html`<p class="muted small">${messages.requestId(requestId)}</p>` : nothing}
      <button class="button secondary" type="button" @click=${retry}>
        ${retryIcon} ${messages.retry}
      </button>
    </div>
  `;
}

/** An empty state with an optional action. */
export function emptyState(
  title: string,
  body: string,
  action?: { label: string; run: () => void },
): TemplateResult {
  return html`
    <div class="state" part="empty">
      <span class="state-icon">${inboxIcon}</span>
      <h3>${title}</h3>
      <p class="muted">${body}</p>
      ${
        action
          ? html`<button class="button secondary" type="button" @click=${action.run}>
              ${action.label}
            </button>`
          : nothing
      }
    </div>
  `;
}

/** The status of an invoice as a word, an icon and a colour, never colour alone. */
export function invoiceStatusBadge(invoice: Invoice, messages: Messages): TemplateResult {
  const { status } = messages;
  const open = invoice.status === 'open';
  const partlyPaid = open && invoice.amount_due < invoice.total;
  const pending = open && invoice.amount_pending > 0;
  if (open && invoice.overdue) {
    const overdue = html`<span class="badge overdue" part="status status-overdue">${alertIcon}${status.overdue}</span>`;
    if (!partlyPaid && !pending) return overdue;
    // Overdue is what the customer must act on, so it leads and the note follows, smaller.
    return html`<span class="status-marks">
      ${overdue}<span class="status-note" data-testid="status-note">
        ${pending ? html`${clockIcon}${status.paymentPending}` : html`${halfIcon}${status.partlyPaid}`}
      </span>
    </span>`;
  }
  if (pending) {
    return html`<span class="badge open" part="status status-pending" data-testid="status-pending">${clockIcon}${status.paymentPending}</span>`;
  }
  if (partlyPaid) {
    return html`<span class="badge open" part="status status-open">${halfIcon}${status.partlyPaid}</span>`;
  }
  if (invoice.status === 'open') {
    return html`<span class="badge open" part="status status-open">${clockIcon}${status.open}</span>`;
  }
  if (invoice.status === 'paid') {
    return html`<span class="badge paid" part="status status-paid">${checkIcon}${status.paid}</span>`;
  }
  if (invoice.status === 'draft') {
    return html`<span class="badge" part="status">${draftIcon}${status.draft}</span>`;
  }
  return html`<span class="badge" part="status">${slashIcon}${status[invoice.status]}</span>`;
}

/** Whether the customer can pay anything on `invoice` now. */
export function isPayable(invoice: Invoice): boolean {
  return invoice.status === 'open' && invoice.amount_payable > 0;
}
