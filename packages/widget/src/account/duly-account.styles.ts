import { css } from 'lit';
import { textareaFields } from '../shared/styles.js';

/** The cards of the Account tab: billing details and the credit limit. */
export const accountStyles = css`
  .account-card {
    display: grid;
    gap: 1rem;
  }

  .card-heading {
    display: grid;
    gap: 0.25rem;
  }

  .skeletons {
    display: grid;
    gap: 0.75rem;
  }

  .account-form,
  .request-form {
    display: grid;
    gap: 0.875rem;
  }

  .request-form {
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .field-row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
    gap: 0.875rem;
  }

  fieldset {
    background: transparent;
  }

  ${textareaFields}

  .form-footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 0.75rem 1rem;
  }

  .saved-slot {
    flex: 1 1 12rem;
  }

  .saved,
  .notice {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    color: var(--_success);
    font-weight: 600;
  }

  .notice-slot:empty {
    display: none;
  }

  .notice {
    padding: 0.625rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_success-bg);
    font-size: 0.875rem;
  }

  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr));
    gap: 0.75rem 1.5rem;
  }

  .facts dt {
    font-size: 0.8125rem;
    color: var(--_muted);
  }

  .facts dd {
    text-align: left;
    font-size: 1.125rem;
    font-weight: 650;
  }

  .usage {
    height: 0.625rem;
    border-radius: 999px;
    background: var(--_neutral-bg);
    overflow: hidden;
  }

  .usage-fill {
    display: block;
    height: 100%;
    border-radius: inherit;
    background: var(--_primary);
  }

  .usage.over .usage-fill {
    background: var(--_danger);
  }

  h3 {
    margin: 0;
  }

  .requests {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .request {
    display: grid;
    gap: 0.25rem;
    padding: 0.75rem 0;
    border-top: 1px solid var(--_border);
  }

  .request-main {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.25rem 0.75rem;
  }

  .request-reason {
    overflow-wrap: anywhere;
  }
`;
