import { css } from 'lit';

export const accountSummaryStyles = css`
  .summary {
    display: grid;
    gap: 0.75rem;
  }

  .heading {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25rem 1rem;
  }

  .balances {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: 0.75rem;
    padding: 0;
    list-style: none;
  }

  .balance {
    display: grid;
    /* Balances in one row stretch to the tallest. Without this, a shorter balance spreads
       the spare height between its rows, so its figures sit lower than its neighbours'. */
    align-content: start;
    gap: 0.25rem;
    padding: 0.75rem 1rem;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
  }

  .balance .label {
    font-size: 0.8125rem;
    font-weight: 600;
    letter-spacing: 0.02em;
    color: var(--_muted);
  }

  .balance .total {
    font-size: 1.625rem;
    font-weight: 650;
    line-height: 1.15;
    text-align: left;
  }

  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    font-size: 0.875rem;
  }

  .overdue {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    color: var(--_danger);
    font-weight: 600;
  }

  .all-paid {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    padding: 0.75rem 1rem;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_success-bg);
    color: var(--_success);
  }

  .all-paid .icon {
    font-size: 1.25rem;
  }

  .all-paid p {
    color: var(--_text);
  }

  .skeleton.title {
    width: 40%;
    height: 1.125rem;
  }

  .skeleton.figure {
    width: 8rem;
    height: 1.75rem;
  }

  .skeleton-balances {
    margin-top: 1rem;
  }

  .skeleton.line {
    width: 10rem;
  }

  /* widget-pay: credit balance and the ways to pay a balance. */
  .credit {
    color: var(--_success);
    font-weight: 600;
  }

  /* The actions sit at the bottom, so those of balances side by side line up. */
  .balance:has(.pay-actions) {
    display: flex;
    flex-direction: column;
  }

  .pay-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-top: auto;
    padding-top: 0.625rem;
  }

  .pay-actions .button {
    min-height: 2.25rem;
    padding: 0.3125rem 0.75rem;
    font-size: 0.875rem;
  }

  .pay-actions .link-button {
    flex-basis: 100%;
    justify-content: flex-start;
    min-height: 1.5rem;
    font-size: 0.875rem;
  }
`;
