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

  /*
   * Wider screens wrap the tabs instead, because a row scrolled to the selected tab hid the
   * first ones behind the edge with nothing to show they were there.
   */
  @media (min-width: 40rem) {
    .tabs {
      flex-wrap: wrap;
      overflow-x: visible;
    }
  }
`;
