import { html, type TemplateResult } from 'lit';
import { fieldError } from '../shared/fields.js';
import type { PayMessages } from './pay.messages.js';

/** The reason and note the customer gave for paying less, as typed. */
export interface ShortPayAnswer {
  reason: string;
  note: string;
}

/** Handlers of the short-pay fields. */
export interface ShortPayHandlers {
  reason(value: string): void;
  note(value: string): void;
}

/**
 * Draws the reason (one of the vendor's) and the optional note that a payment needs when it
 * pays an invoice partly. The select's error is `short-pay-reason-error`.
 */
export function renderShortPay(
  reasons: readonly string[],
  answer: ShortPayAnswer,
  error: string | undefined,
  text: PayMessages,
  handlers: ShortPayHandlers,
): TemplateResult {
  return html`<fieldset class="short-pay" part="short-pay" data-testid="short-pay">
    <legend>${text.shortPayHeading}</legend>
    <p class="muted small" id="short-pay-body">${text.shortPayBody}</p>
    <div class="field">
      <label for="short-pay-reason">${text.shortPayReason}</label>
      <select
        id="short-pay-reason"
        data-testid="short-pay-reason"
        required
        aria-required="true"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? 'short-pay-body short-pay-reason-error' : 'short-pay-body'}
        @change=${(event: Event) => handlers.reason((event.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${answer.reason === ''}>${text.shortPayChoose}</option>
        ${reasons.map(
          (reason) =>
            html`<option .value=${reason} ?selected=${answer.reason === reason}>${reason}</option>`,
        )}
      </select>
      ${fieldError('short-pay-reason', error)}
    </div>
    <div class="field">
      <label for="short-pay-note">${text.shortPayNote}</label>
      <textarea
        id="short-pay-note"
        data-testid="short-pay-note"
        rows="2"
        maxlength="1000"
        .value=${answer.note}
        @input=${(event: Event) => handlers.note((event.target as HTMLTextAreaElement).value)}
      ></textarea>
    </div>
  </fieldset>`;
}
