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

  /* One row that scrolls sideways on a phone, because six wrapped tabs took three rows. */
  .tabs {
    justify-self: start;
    scrollbar-width: none;
  }
`;
