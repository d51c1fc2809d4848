import { css } from 'lit';

/**
 * The card of the account elements (payment methods, autopay, payments, receipt): a heading
 * row, rows of items with their actions, and an inline confirmation.
 */
export const panelStyles = css`
  .panel {
    display: grid;
    gap: 1rem;
  }

  /* A status badge directly in a panel keeps its own width instead of the grid's. */
  .panel > .badge {
    justify-self: start;
  }

  .panel-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }

  .panel-header > div,
  .item-main,
  .item-side {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375rem 0.75rem;
  }

  .items {
    margin: 0 -1rem;
    padding: 0;
    list-style: none;
  }

  .item {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.75rem 1rem;
    border-top: 1px solid var(--_border);
  }

  .item-main {
    display: grid;
    gap: 0.125rem;
    min-width: 0;
  }

  .item-side {
    justify-content: flex-end;
  }

  .confirm {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    padding: 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .confirm p {
    flex: 1 1 14rem;
  }

  address {
    font-style: normal;
  }

  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
    gap: 0.75rem 1.5rem;
  }

  .facts dt {
    font-size: 0.8125rem;
    color: var(--_muted);
  }

  @container (max-width: 480px) {
    .item:not(.line) {
      grid-template-columns: minmax(0, 1fr);
    }

    .item-side {
      justify-content: flex-start;
    }
  }
`;
