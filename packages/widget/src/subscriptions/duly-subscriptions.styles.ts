import { css } from 'lit';

/** The subscription cards, their notices and the change and cancel forms. */
export const subscriptionsStyles = css`
  .subscriptions {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .subscription {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .subscription-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }

  .subscription-header h3 {
    font-size: 1rem;
  }

  .facts dd {
    font-variant-numeric: tabular-nums;
  }

  .subscription-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }

  .cancel-link {
    margin-left: auto;
    min-height: 2.5rem;
    color: var(--_muted);
    font-weight: 500;
  }

  .scheduled {
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .notice-slot:empty {
    display: none;
  }

  .notice {
    display: flex;
    gap: 0.4rem;
    align-items: flex-start;
    padding: 0.625rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_success-bg);
    color: var(--_success);
    font-size: 0.875rem;
    font-weight: 600;
  }

  .notice .icon {
    margin-top: 0.15rem;
  }

  .subscription-form {
    display: grid;
    gap: 0.875rem;
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .subscription-form h4 {
    margin: 0;
    font-size: 0.9375rem;
  }

  .subscription-form fieldset {
    padding: 0;
    border: 0;
    background: none;
  }

  .subscription-form legend {
    padding: 0 0 0.375rem;
    font-size: 0.875rem;
    font-weight: 600;
  }

  .plan-choice,
  .timing-choice {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: baseline;
    gap: 0.25rem 0.625rem;
    cursor: pointer;
  }

  .timing-choice {
    grid-template-columns: auto minmax(0, 1fr);
  }

  .plan-choice input,
  .timing-choice input {
    margin: 0;
    accent-color: var(--_primary);
  }

  .plan-name {
    font-weight: 600;
  }

  /* The build collapses the space before "(current)" in the template. */
  .plan-name .muted {
    margin-left: 0.3em;
  }

  @container (max-width: 400px) {
    .plan-choice {
      grid-template-columns: auto minmax(0, 1fr);
    }

    .plan-choice > .muted {
      grid-column: 2;
    }
  }

  .stepper {
    display: grid;
    grid-template-columns: 2.75rem minmax(0, 7rem) 2.75rem;
    gap: 0.375rem;
  }

  .stepper .step {
    min-height: 2.75rem;
    padding: 0;
    font-size: 1.125rem;
  }

  .stepper input {
    text-align: center;
  }

  .preview {
    display: grid;
    gap: 0.5rem;
    padding: 0.875rem 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }

  .lines {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9375rem;
  }

  .lines th {
    padding: 0.375rem 0.75rem 0.375rem 0;
    font-weight: 400;
    text-align: left;
  }

  .lines td {
    padding: 0.375rem 0;
  }

  .lines tfoot th,
  .lines tfoot td {
    border-top: 1px solid var(--_border);
    font-weight: 650;
  }

  .confirm-step {
    display: grid;
    gap: 0.75rem;
  }

  .confirm-step p {
    display: flex;
    gap: 0.4rem;
    align-items: flex-start;
    color: var(--_danger);
  }

  .confirm-step p .icon {
    margin-top: 0.2rem;
  }

  .button.danger {
    background: var(--_danger);
    color: var(--_bg);
  }

  .skeletons {
    display: grid;
    gap: 0.625rem;
  }
`;
