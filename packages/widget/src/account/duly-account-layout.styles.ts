import { css } from 'lit';

export const accountLayoutStyles = css`
  .account {
    display: grid;
    gap: 1rem;
  }
`;
