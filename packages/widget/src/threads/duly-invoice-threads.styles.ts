import { css } from 'lit';
import { textareaFields } from '../shared/styles.js';

export const threadsStyles = css`
  .threads {
    display: grid;
    gap: 0.75rem;
  }

  h4 {
    margin: 0;
    font-size: 0.9375rem;
    font-weight: 650;
  }

  .threads-header,
  .thread-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }

  .thread-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
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

  .thread-form {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  ${textareaFields}

  .thread-form .alert {
    align-items: start;
  }

  .thread-list {
    display: grid;
    gap: 0.75rem;
  }

  .thread {
    display: grid;
    gap: 0.5rem;
    padding: 0.875rem 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .thread-status.answered {
    background: var(--_info-bg);
    color: var(--_info);
  }

  .thread-status.resolved {
    background: var(--_success-bg);
    color: var(--_success);
  }

  .messages {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .message {
    display: grid;
    gap: 0.125rem;
    padding: 0.5rem 0.75rem;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
  }

  /* The vendor's messages sit apart from the customer's by a rule on the side as well as by name. */
  .message.vendor {
    border-left: 3px solid var(--_info);
    background: var(--_info-bg);
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
    color: var(--_muted);
  }

  .meta strong {
    color: var(--_text);
  }

  .body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .resolution {
    display: grid;
    gap: 0.25rem;
    padding: 0.5rem 0.75rem;
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_success-bg);
  }

  .reply {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
  }

  .reply .field {
    width: 100%;
  }
`;
