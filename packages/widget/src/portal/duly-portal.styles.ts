import { css } from 'lit';

export const portalStyles = css`
  .portal {
    display: grid;
    gap: 1rem;
  }

  .home,
  .panel {
    display: grid;
    gap: 1rem;
  }

  .home[hidden],
  .panel[hidden] {
    display: none;
  }

  .tabs {
    justify-self: start;
    flex-wrap: wrap;
  }
`;
