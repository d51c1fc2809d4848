import { css, unsafeCSS } from 'lit';

/**
 * Dark defaults, kept in one string because two selectors use them: `theme="dark"`, and
 * `theme="auto"` under `prefers-color-scheme: dark`.
 */
const darkTokens = unsafeCSS(`
  --_primary: var(--duly-color-primary, var(--_brand-primary, #e8eaee));
  --_on-primary: var(--duly-color-on-primary, #111318);
  --_bg: var(--duly-color-background, #17191e);
  --_surface: var(--duly-color-surface, #1f2229);
  --_text: var(--duly-color-text, #eceef2);
  --_muted: var(--duly-color-text-muted, #a8afbc);
  --_border: var(--duly-color-border, #3a3f4a);
  --_focus: var(--duly-color-focus, #7aa7ff);
  --_danger: var(--duly-color-danger, #ffa098);
  --_danger-bg: var(--duly-color-danger-background, #3a1a18);
  --_success: var(--duly-color-success, #75e0a7);
  --_success-bg: var(--duly-color-success-background, #0f2e20);
  --_info: var(--duly-color-info, #a4c2ff);
  --_info-bg: var(--duly-color-info-background, #18253f);
  --_neutral-bg: var(--duly-color-neutral-background, #2a2e37);
  --_skeleton: var(--duly-color-skeleton, #2b2f38);
  color-scheme: dark;
`);

/**
 * Design tokens of every element. Each public `--duly-*` property overrides one private
 * `--_*` value; the dark defaults apply with `theme="dark"`, or with `theme="auto"` when the
 * system prefers dark. Default colours keep text at 4.5:1 or more on their backgrounds.
 */
export const tokens = css`
  :host {
    --_font: var(--duly-font-family, inherit);
    --_radius: var(--duly-radius, 8px);
    --_primary: var(--duly-color-primary, var(--_brand-primary, #1f2937));
    --_on-primary: var(--duly-color-on-primary, #ffffff);
    --_bg: var(--duly-color-background, #ffffff);
    --_surface: var(--duly-color-surface, #f5f6f8);
    --_text: var(--duly-color-text, #16181d);
    --_muted: var(--duly-color-text-muted, #555c69);
    --_border: var(--duly-color-border, #d5d9e0);
    --_focus: var(--duly-color-focus, #2563eb);
    --_danger: var(--duly-color-danger, #b42318);
    --_danger-bg: var(--duly-color-danger-background, #fef3f2);
    --_success: var(--duly-color-success, #067647);
    --_success-bg: var(--duly-color-success-background, #ecfdf3);
    --_info: var(--duly-color-info, #1849a9);
    --_info-bg: var(--duly-color-info-background, #eff4ff);
    --_neutral-bg: var(--duly-color-neutral-background, #eef0f3);
    --_skeleton: var(--duly-color-skeleton, #e6e8ec);

    display: block;
    box-sizing: border-box;
    container-type: inline-size;
    color: var(--_text);
    font-family: var(--_font);
    font-size: var(--duly-font-size, 1rem);
    line-height: 1.45;
  }

  :host([hidden]) {
    display: none;
  }

  :host([theme='dark']) {
    ${darkTokens}
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
    }
  }
`;

/** Buttons, inputs, cards, status badges and the loading, empty and error states. */
export const base = css`
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  h2,
  h3,
  p,
  ul,
  ol,
  dl,
  dd {
    margin: 0;
  }

  h2 {
    font-size: 1.125rem;
    line-height: 1.3;
    font-weight: 650;
  }

  h3 {
    font-size: 0.9375rem;
    font-weight: 650;
  }

  [tabindex='-1']:focus {
    outline: none;
  }

  .card {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1rem;
  }

  @container (min-width: 560px) {
    .card {
      padding: 1.25rem 1.5rem;
    }
  }

  .muted {
    color: var(--_muted);
  }

  .small {
    font-size: 0.875rem;
  }

  .amount {
    font-variant-numeric: tabular-nums;
    text-align: right;
    white-space: nowrap;
  }

  .icon {
    width: 1em;
    height: 1em;
    flex: none;
    vertical-align: -0.125em;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }

  button {
    cursor: pointer;
  }

  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4rem;
    min-height: 2.5rem;
    padding: 0.5rem 1rem;
    border-radius: var(--_radius);
    border: 1px solid transparent;
    font-weight: 600;
    line-height: 1.2;
    text-decoration: none;
  }

  .button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }

  .button.primary:hover {
    filter: brightness(1.12);
  }

  .button.secondary {
    background: var(--_bg);
    border-color: var(--_border);
    color: var(--_text);
  }

  .button.secondary:hover {
    background: var(--_surface);
  }

  .button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }

  .button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }

  .link-button {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font-weight: 600;
    text-decoration: underline;
    text-decoration-color: var(--_border);
    text-underline-offset: 0.2em;
    border-radius: 2px;
  }

  .link-button:hover {
    text-decoration-color: currentColor;
  }

  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    padding: 0.125rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 600;
    white-space: nowrap;
    background: var(--_neutral-bg);
    color: var(--_muted);
  }

  .badge.open {
    background: var(--_info-bg);
    color: var(--_info);
  }

  .badge.overdue {
    background: var(--_danger-bg);
    color: var(--_danger);
  }

  .badge.paid {
    background: var(--_success-bg);
    color: var(--_success);
  }

  .status-marks {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.125rem 0.5rem;
  }

  .status-note {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    font-size: 0.75rem;
    font-weight: 600;
    white-space: nowrap;
    color: var(--_muted);
  }

  .state {
    display: grid;
    justify-items: center;
    gap: 0.5rem;
    padding: 2rem 1rem;
    text-align: center;
  }

  .state .state-icon {
    display: grid;
    place-items: center;
    width: 2.5rem;
    height: 2.5rem;
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_muted);
    font-size: 1.25rem;
  }

  .state.error .state-icon {
    background: var(--_danger-bg);
    color: var(--_danger);
  }

  .state p {
    max-width: 36ch;
  }

  .state .button {
    margin-top: 0.5rem;
  }

  .skeleton {
    display: block;
    height: 0.875rem;
    border-radius: 4px;
    background: var(--_skeleton);
    animation: duly-pulse 1.4s ease-in-out infinite;
  }

  @keyframes duly-pulse {
    50% {
      opacity: 0.55;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
`;

/**
 * A text area padded and bordered like the inputs of `forms`, and a red border on an invalid
 * text area or select. Kept out of `forms` because the pay form styles its own text areas.
 */
export const textareaFields = css`
  textarea {
    width: 100%;
    min-height: 4.5rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_bg);
    color: inherit;
    font: inherit;
    resize: vertical;
  }

  textarea[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--_danger);
  }
`;

/** Fieldsets, labelled fields, field errors, alerts and the row of form buttons. */
export const forms = css`
  fieldset {
    display: grid;
    gap: 0.75rem;
    min-width: 0;
    margin: 0;
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  legend {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0 0.25rem;
    font-weight: 650;
  }

  .method-fields,
  .choices {
    display: grid;
    gap: 0.75rem;
  }

  .choices {
    gap: 0.5rem;
  }

  .choice {
    padding: 0.625rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_bg);
  }

  .choice:has(input:checked) {
    border-color: var(--_primary);
  }

  .mandate {
    display: grid;
    gap: 0.5rem;
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .mandate p {
    color: var(--_muted);
  }

  .hint {
    font-size: 0.8125rem;
    color: var(--_muted);
  }

  .field {
    display: grid;
    gap: 0.25rem;
    min-width: 0;
  }

  .field label {
    font-size: 0.875rem;
    font-weight: 600;
  }

  .field input,
  .field select {
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_bg);
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.02em;
  }

  .field input::placeholder {
    color: var(--_muted);
    opacity: 0.8;
  }

  .field input[aria-invalid='true'],
  .check input[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .field input:focus-visible {
    outline-offset: 1px;
  }

  .bank-row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
    gap: 0.75rem;
  }

  .card-row {
    display: grid;
    align-items: end;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: 0.75rem;
  }

  .field-error {
    display: flex;
    gap: 0.3rem;
    align-items: flex-start;
    color: var(--_danger);
    font-size: 0.8125rem;
    font-weight: 600;
  }

  .field-error .icon {
    margin-top: 0.1rem;
  }

  .alert {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 0.25rem 0.625rem;
    padding: 0.875rem 1rem;
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_danger-bg);
  }

  .alert > .icon {
    color: var(--_danger);
    font-size: 1.125rem;
    margin-top: 0.1rem;
  }

  .alert strong {
    color: var(--_danger);
  }

  .alert.info {
    border-color: var(--_border);
    background: var(--_info-bg);
  }

  .alert.info > .icon,
  .alert.info strong {
    color: var(--_info);
  }

  .check {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    font-size: 0.9375rem;
  }

  .check input {
    width: 1.125rem;
    height: 1.125rem;
    margin: 0.15rem 0 0;
    flex: none;
    accent-color: var(--_primary);
  }

  .alert .alert-actions {
    grid-column: 2;
    margin-top: 0.375rem;
  }

  .actions {
    display: flex;
    flex-wrap: wrap-reverse;
    justify-content: flex-end;
    gap: 0.75rem;
  }

  .actions .primary {
    min-width: 10rem;
  }

  @container (max-width: 400px) {
    .actions .button {
      flex: 1 1 100%;
    }
  }
`;

/** A row of tabs (`role="tablist"`), the selected one raised. */
export const tabs = css`
  .tabs {
    display: flex;
    gap: 0.25rem;
    padding: 0.25rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    overflow-x: auto;
    max-width: 100%;
  }

  .tab {
    flex: none;
    min-height: 2.25rem;
    padding: 0.375rem 0.75rem;
    border: 0;
    border-radius: calc(var(--_radius) - 2px);
    background: transparent;
    color: var(--_muted);
    font-size: 0.875rem;
    font-weight: 600;
  }

  .tab:hover {
    color: var(--_text);
  }

  .tab[aria-selected='true'] {
    background: var(--_bg);
    color: var(--_text);
    box-shadow: 0 0 0 1px var(--_border);
  }
`;
