import { css } from 'lit';

export const invoiceListStyles = css`
  .list-card {
    display: grid;
    gap: 0.75rem;
    padding-bottom: 0;
  }

  .list-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
  }

  .rows,
  .skeleton-rows {
    margin: 0 -1rem;
    padding: 0;
    list-style: none;
  }

  .row {
    display: grid;
    grid-template-columns: 1.75rem minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.25rem 0.5rem;
    padding: 0.75rem 1rem;
    border-top: 1px solid var(--_border);
  }

  .row.selected {
    background: var(--_surface);
  }

  .select {
    display: grid;
    place-items: center;
    width: 1.75rem;
    height: 1.75rem;
  }

  .select input {
    width: 1.125rem;
    height: 1.125rem;
    margin: 0;
    accent-color: var(--_primary);
    cursor: pointer;
  }

  .main {
    display: grid;
    gap: 0.125rem;
    min-width: 0;
  }

  .number {
    justify-self: start;
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .date {
    font-size: 0.875rem;
    color: var(--_muted);
  }

  .date.overdue {
    color: var(--_danger);
    font-weight: 600;
  }

  .figures {
    display: grid;
    justify-items: end;
    gap: 0.25rem;
  }

  .figures .amount {
    font-weight: 600;
  }

  /* Stacked, so the marks never take width from the invoice number on a narrow row. */
  .figures .status-marks {
    flex-direction: column;
    align-items: flex-end;
  }

  @container (min-width: 560px) {
    /* The status column fits the widest badge, "Payment pending", so rows stay aligned. */
    .row {
      grid-template-columns: 1.75rem minmax(0, 1fr) minmax(8rem, auto) 10rem;
      gap: 0.75rem;
    }

    .main {
      grid-auto-flow: column;
      justify-content: start;
      align-items: baseline;
      gap: 1rem;
    }

    .figures {
      display: contents;
    }

    .figures .badge,
    .figures .status-marks {
      justify-self: start;
      align-items: flex-start;
    }
  }

  .notice-slot:empty {
    margin-top: -0.75rem;
  }

  .notice {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    padding: 0.625rem 0.75rem;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_danger-bg);
    color: var(--_danger);
    font-size: 0.875rem;
  }

  .notice .icon {
    margin-top: 0.15rem;
  }

  .more {
    display: flex;
    justify-content: center;
    padding: 0.75rem 0 1rem;
    border-top: 1px solid var(--_border);
  }

  .more .inline-error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    color: var(--_danger);
  }

  .end {
    height: 0.25rem;
  }

  .paybar {
    position: sticky;
    bottom: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    margin: 0 -1rem;
    padding: 0.75rem 1rem;
    border-top: 1px solid var(--_border);
    border-radius: 0 0 var(--_radius) var(--_radius);
    background: var(--_bg);
  }

  @container (min-width: 560px) {
    .paybar {
      margin: 0 -1.5rem;
      padding: 0.75rem 1.5rem;
    }
  }

  .paybar-facts {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem 0.75rem;
  }

  .paybar-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 0.5rem 0.75rem;
    margin-left: auto;
  }

  .skeleton-row {
    display: grid;
    grid-template-columns: 1.75rem minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.5rem;
    padding: 0.875rem 1rem;
    border-top: 1px solid var(--_border);
  }

  .skeleton-row .stack {
    display: grid;
    gap: 0.375rem;
  }

  .skeleton.box {
    width: 1.125rem;
    height: 1.125rem;
  }

  .skeleton.number {
    width: 6rem;
  }

  .skeleton.date {
    width: 8rem;
    height: 0.75rem;
  }

  .skeleton.money {
    width: 5rem;
  }

  @container (min-width: 560px) {
    .rows,
    .skeleton-rows {
      margin: 0 -1.5rem;
    }

    .row,
    .skeleton-row {
      padding-inline: 1.5rem;
    }
  }
`;
