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

  .result.pending .result-icon {
    background: var(--_info-bg);
    color: var(--_info);
  }

  .result.failed .result-icon {
    background: var(--_danger-bg);
    color: var(--_danger);
  }

  .result-status {
    display: grid;
    gap: 0.375rem;
    max-width: 34rem;
  }

  .result .actions {
    justify-content: center;
  }

  .method-loading {
    display: grid;
    gap: 0.75rem;
    padding: 1rem 0;
  }

  dialog.challenge {
    max-width: min(28rem, calc(100vw - 2rem));
    padding: 1.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
  }

  dialog.challenge::backdrop {
    background: rgb(0 0 0 / 45%);
  }

  dialog.challenge p {
    margin: 0.5rem 0 1.25rem;
  }

  /* widget-pay: balance payments, their split, credit and short pay. */
  .balance-amount .money-input {
    justify-self: start;
  }

  .balance-amount .money-input input {
    width: 9rem;
  }

  .split-area.stale {
    opacity: 0.6;
  }

  .split {
    display: grid;
    padding: 0;
    list-style: none;
  }

  .split-row {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.75rem;
    padding: 0.625rem 0;
    border-top: 1px solid var(--_border);
  }

  .split-row:last-child {
    border-bottom: 1px solid var(--_border);
  }

  .split-row .invoice {
    display: grid;
    gap: 0.125rem;
    min-width: 0;
  }

  .split-figures {
    display: grid;
    justify-items: end;
    gap: 0.125rem;
    text-align: right;
  }

  .split-figures .amount {
    font-weight: 600;
  }

  .partly {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    white-space: nowrap;
    color: var(--_info);
    font-weight: 600;
  }

  .split-row.to-credit {
    color: var(--_success);
    font-weight: 600;
  }

  .split-state {
    display: grid;
    justify-items: start;
    gap: 0.5rem;
  }

  .split-state p {
    display: flex;
    gap: 0.375rem;
    align-items: flex-start;
  }

  .totals {
    display: grid;
    gap: 0.375rem;
  }

  .subtotal {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
    color: var(--_muted);
  }

  .charge-status:empty {
    display: none;
  }

  .credit-choice {
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
  }

  .credit-covers {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    padding: 0.75rem 1rem;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_success-bg);
    color: var(--_success);
    font-weight: 600;
  }

  .credit-covers .icon {
    margin-top: 0.2rem;
  }

  .short-pay textarea {
    width: 100%;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_bg);
    color: inherit;
    font: inherit;
    resize: vertical;
  }

  /* The vendor's reasons are words, not figures, and need the width on a phone. */
  .short-pay select {
    padding-inline: 0.5rem;
    letter-spacing: normal;
  }

  .short-pay select[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .report-payment {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    align-items: baseline;
    padding-top: 0.75rem;
    border-top: 1px solid var(--_border);
  }
`;
