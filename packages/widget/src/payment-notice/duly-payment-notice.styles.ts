import { css } from 'lit';

export const paymentNoticeStyles = css`
  .notice-card,
  form {
    display: grid;
    gap: 1rem;
  }

  .notice-header {
    display: grid;
    gap: 0.375rem;
  }

  .notice-header p {
    max-width: 60ch;
  }

  .notice-fields {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    align-items: start;
    gap: 0.75rem;
  }

  .hint {
    margin-top: 0.125rem;
  }

  .currency-choice {
    max-width: 12rem;
  }

  .notice-rows {
    display: grid;
    padding: 0;
    list-style: none;
  }

  /* On a phone the amount goes under its invoice, so the invoice number keeps its line. */
  .notice-row {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.375rem 0.75rem;
    padding: 0.625rem 0;
    border-top: 1px solid var(--_border);
  }

  .notice-row .money-input {
    justify-self: end;
  }

  @container (min-width: 480px) {
    .notice-row {
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: center;
    }
  }

  .notice-invoice strong {
    white-space: nowrap;
  }

  .notice-row:first-child {
    border-top: 0;
  }

  .notice-row .field-error {
    grid-column: 1 / -1;
    justify-self: end;
  }

  .notice-invoice {
    display: grid;
    gap: 0.125rem;
    min-width: 0;
  }

  .check input:disabled + .notice-invoice strong {
    color: var(--_muted);
  }

`;
