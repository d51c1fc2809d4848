import { css } from 'lit';

export const statementStyles = css`
  h4 {
    margin: 0;
    font-size: 0.875rem;
    font-weight: 650;
    color: var(--_muted);
  }

  .downloads {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  .downloads .button {
    padding-inline: 0.75rem;
  }

  /* Rows line up with the section's text, instead of reaching the card's edges. */
  .currency-section .items {
    margin: 0;
  }

  .currency-section .item {
    padding-inline: 0;
  }

  .as-of {
    max-width: 14rem;
  }

  .statement-body {
    display: grid;
    gap: 1.5rem;
  }

  .skeletons {
    display: grid;
    gap: 0.75rem;
  }

  .currency-section {
    display: grid;
    gap: 0.75rem;
    padding-top: 1rem;
    border-top: 1px solid var(--_border);
  }

  .section-header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25rem 1rem;
  }

  .balance {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.5rem;
  }

  .balance strong {
    font-size: 1.25rem;
  }

  .aging-block {
    display: grid;
    gap: 0.5rem;
  }

  .aging {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr));
    gap: 0.5rem;
  }

  .bucket {
    display: grid;
    gap: 0.125rem;
    padding: 0.5rem 0.75rem;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
  }

  .bucket dt {
    font-size: 0.8125rem;
    color: var(--_muted);
  }

  .bucket dd {
    text-align: left;
    font-weight: 650;
  }

  /* Overdue amounts in the danger colour, with the bucket's name saying how late. */
  .bucket.late {
    background: var(--_danger-bg);
  }

  .bucket.late dd {
    color: var(--_danger);
  }

  .item-title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
  }

  .past-due {
    color: var(--_danger);
    font-weight: 600;
  }

  .figures {
    display: grid;
    justify-items: end;
    gap: 0;
  }

  .credit {
    color: var(--_success);
  }

  .totals {
    display: grid;
    gap: 0.25rem;
    justify-self: end;
    min-width: min(100%, 18rem);
  }

  .totals > div {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
  }

  .totals dt {
    color: var(--_muted);
  }

  .total-balance {
    padding-top: 0.25rem;
    border-top: 1px solid var(--_border);
    font-weight: 650;
  }

  .total-balance dt {
    color: var(--_text);
  }

  @container (max-width: 480px) {
    /* Both downloads side by side under the heading, splitting the row. */
    .panel-header > .downloads {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      width: 100%;
    }

    .downloads .button {
      padding-inline: 0.25rem;
      font-size: 0.9375rem;
      white-space: nowrap;
    }

    .figures {
      justify-items: start;
    }

    .totals {
      justify-self: stretch;
    }
  }
`;
