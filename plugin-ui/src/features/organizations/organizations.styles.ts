import { css } from 'lit';

export const pageStyles = css`
  header {
    margin-bottom: var(--_space);
  }
  .notice {
    min-height: 1.45em;
    margin: 0 0 var(--_space);
    color: var(--_muted);
  }
  .toolbar {
    margin-bottom: calc(var(--_space) * 2);
  }
  .toolbar input {
    min-width: 18em;
  }
  .toolbar label {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  .more {
    margin-top: var(--_space);
  }
  .status-line {
    color: var(--_muted);
  }
  .in-progress {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: var(--_space) calc(var(--_space) * 2);
    margin-bottom: calc(var(--_space) * 2);
  }
  .in-progress ul {
    list-style: none;
    margin: var(--_space) 0 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }
`;
