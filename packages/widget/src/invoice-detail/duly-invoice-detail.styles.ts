import { css } from 'lit';

export const invoiceDetailStyles = css`
  .detail {
    display: grid;
    gap: 1.25rem;
  }

  .back {
    justify-self: start;
    color: var(--_muted);
    font-weight: 600;
    text-decoration: none;
  }

  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }

  .title .download {
    margin-left: auto;
  }

  /*
   * On a phone the button wraps under the title, where it lines up with the text. It always
   * starts a line of its own, so that it never sits beside a status or a mark.
   */
  @container (max-width: 480px) {
    .title::after {
      content: '';
      flex-basis: 100%;
      order: 1;
    }

    .title .download {
      order: 2;
      margin-left: 0;
    }
  }

  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr));
    gap: 0.75rem;
  }

  .facts div {
    display: grid;
    gap: 0.125rem;
  }

  .facts dt {
    font-size: 0.8125rem;
    color: var(--_muted);
  }

  .facts dd {
    font-weight: 600;
  }

  .facts .amount {
    text-align: left;
  }

  .overdue-date {
    color: var(--_danger);
  }

  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9375rem;
  }

  caption {
    text-align: left;
    font-weight: 650;
    padding-bottom: 0.5rem;
  }

  th {
    font-size: 0.8125rem;
    font-weight: 600;
    color: var(--_muted);
    text-align: left;
  }

  th,
  td {
    padding: 0.5rem 0;
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }

  th + th,
  td + td {
    padding-left: 0.75rem;
  }

  th.amount,
  td.amount {
    text-align: right;
  }

  tfoot th,
  tfoot td {
    border-bottom: 0;
    color: var(--_text);
    font-size: 0.9375rem;
    font-weight: 650;
  }

  tfoot tr.breakdown th,
  tfoot tr.breakdown td {
    font-weight: 400;
  }

  .unit {
    display: none;
  }

  @container (min-width: 480px) {
    .unit {
      display: table-cell;
    }
  }

  .payments {
    display: grid;
    gap: 0.5rem;
  }

  .payments ul {
    padding: 0;
    list-style: none;
  }

  .payment {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25rem 1rem;
    padding: 0.5rem 0;
    border-bottom: 1px solid var(--_border);
  }

  .payment .amount {
    font-weight: 600;
  }

  .payment-status {
    color: var(--_muted);
  }

  .payment.not-received {
    color: var(--_muted);
  }

  .payment.not-received .payment-status {
    color: var(--_danger);
    font-weight: 600;
  }

  .payment.not-received .amount {
    font-weight: 400;
    text-decoration: line-through;
  }

  .due-footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
    padding: 0.875rem 1rem;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
  }

  .due-footer .amount {
    font-size: 1.375rem;
    font-weight: 650;
    text-align: left;
  }

  .skeleton.heading {
    width: 40%;
    height: 1.25rem;
  }

  .skeleton.block {
    height: 5rem;
  }
`;
