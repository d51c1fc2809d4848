import { css } from 'lit';

export const portalStyles = css`
  .portal {
    display: grid;
    gap: 1rem;
  }

  .home {
    display: grid;
    gap: 1rem;
  }

  .home[hidden] {
    display: none;
  }
`;
