import { html, nothing, type TemplateResult } from 'lit';
import { alertIcon } from './icons.js';

/** One labelled text input of a form. */
export interface TextFieldOptions {
  /** Id of the input; its error is `<id>-error`. */
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  testId: string;
  autocomplete?: string;
  placeholder?: string;
  onInput(input: HTMLInputElement): void;
}

/**
 * Draws a labelled numeric input with its error below it, tied to it by
 * `aria-describedby` so that screen readers read the error with the field.
 */
export function textField(options: TextFieldOptions): TemplateResult {
  const { id, error } = options;
  return html`<div class="field">
    <label for=${id}>${options.label}</label>
    <input
      id=${id}
      data-testid=${options.testId}
      inputmode="numeric"
      autocomplete=${options.autocomplete ?? 'off'}
      placeholder=${options.placeholder ?? nothing}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? `${id}-error` : nothing}
      .value=${options.value}
      @input=${(event: Event) => options.onInput(event.target as HTMLInputElement)}
    />
    ${fieldError(id, error)}
  </div>`;
}

/** Draws the error line of field `id`, or nothing when it has none. */
export function fieldError(id: string, error: string | undefined): TemplateResult | typeof nothing {
  return error
    ? html`<span class="field-error" id=${`${id}-error`}>${alertIcon}${error}</span>`
    : nothing;
}

/**
 * Returns `errors` without the error of `field`, or `errors` itself when it has none, so
 * that assigning the result to a reactive property re-renders only on a change.
 */
export function withoutFieldError(
  errors: Record<string, string>,
  field: string,
): Record<string, string> {
  if (!(field in errors)) return errors;
  const { [field]: _cleared, ...rest } = errors;
  return rest;
}

/**
 * Draws the alert of a failed submit: an optional bold `lead` (what failed), then
 * `detail`, what went wrong in the customer's words.
 */
export function submitAlert(testId: string, detail: string, lead?: string): TemplateResult {
  return html`<p class="alert" role="alert" data-testid=${testId}>
    ${alertIcon}<span>${lead ? html`<strong>${lead}</strong> ` : nothing}${detail}</span>
  </p>`;
}

/** Draws the placeholder of a form still loading: two skeleton lines, marked busy. */
export function formSkeleton(loadingLabel: string): TemplateResult {
  return html`<div class="skeletons" aria-busy="true" aria-label=${loadingLabel}>
    <span class="skeleton"></span><span class="skeleton"></span>
  </div>`;
}

/** The Cancel and submit buttons at the foot of a form. */
export interface FormActionsOptions {
  cancelLabel: string;
  onCancel(): void;
  submitLabel: string;
  /** Label of the submit button while `busy`. */
  busyLabel: string;
  /** Whether the form is being sent; the submit button is then `aria-disabled`. */
  busy: boolean;
  submitTestId: string;
}

/**
 * Draws a form's Cancel and submit buttons. The submit button stays focusable while busy
 * (`aria-disabled`, not `disabled`), so the form's submit handler must ignore a second submit.
 */
export function formActions(options: FormActionsOptions): TemplateResult {
  return html`<div class="actions">
    <button class="button secondary" type="button" @click=${options.onCancel}>
      ${options.cancelLabel}
    </button>
    <button
      class="button primary"
      type="submit"
      data-testid=${options.submitTestId}
      aria-disabled=${options.busy ? 'true' : 'false'}
    >
      ${options.busy ? options.busyLabel : options.submitLabel}
    </button>
  </div>`;
}
