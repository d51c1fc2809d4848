import { css } from 'lit';

export const payStyles = css`
  .pay {
    display: grid;
    gap: 1.25rem;
  }

  .pay-header {
    display: grid;
    gap: 0.25rem;
  }

  .allocations {
    display: grid;
    padding: 0;
    list-style: none;
  }

  .allocation {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.25rem 0.75rem;
    padding: 0.75rem 0;
    border-top: 1px solid var(--_border);
  }

  .allocation:last-child {
    border-bottom: 1px solid var(--_border);
  }

  .allocation .invoice {
    display: grid;
    gap: 0.125rem;
    min-width: 0;
  }

  .allocation .invoice strong {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .allocation .field-error {
    grid-column: 1 / -1;
    justify-self: end;
    text-align: right;
  }

  .money-input {
    display: flex;
    align-items: center;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_bg);
  }

  .money-input:focus-within {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }

  .money-input .currency {
    padding-left: 0.625rem;
    font-size: 0.8125rem;
    font-weight: 600;
    color: var(--_muted);
  }

  .money-input input {
    width: 6.5rem;
    min-height: 2.5rem;
    padding: 0.375rem 0.625rem;
    border: 0;
    background: transparent;
    text-align: right;
    font-variant-numeric: tabular-nums;
  }

  .money-input input:focus-visible {
    outline: none;
  }

  .money-input:has(input[aria-invalid='true']) {
    border-color: var(--_danger);
  }

  .total {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 1rem;
    font-size: 1.125rem;
    font-weight: 650;
  }

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

  .field input {
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

  .field input[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .field input:focus-visible {
    outline-offset: 1px;
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

  .result {
    display: grid;
    justify-items: center;
    gap: 0.75rem;
    text-align: center;
    padding-block: 2rem;
  }

  .result-icon {
    display: grid;
    place-items: center;
    width: 3rem;
    height: 3rem;
    border-radius: 999px;
    background: var(--_success-bg);
    color: var(--_success);
    font-size: 1.5rem;
  }

  .receipt {
    width: 100%;
    max-width: 26rem;
    padding: 0;
    list-style: none;
    text-align: left;
  }

  .receipt li {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
    padding: 0.5rem 0;
    border-bottom: 1px solid var(--_border);
  }

  .receipt .receipt-total {
    font-weight: 650;
    border-bottom: 0;
  }
`;
