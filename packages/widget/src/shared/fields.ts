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
