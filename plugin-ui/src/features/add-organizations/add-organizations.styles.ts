import { css } from 'lit';

export const batchTableStyles = css`
  table {
    width: 100%;
    border-collapse: collapse;
    margin-top: calc(var(--_space) * 2);
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  thead th {
    font-size: 0.9em;
    color: var(--_muted);
  }
  tbody th {
    font-weight: 600;
  }
  code {
    font-family: ui-monospace, 'Cascadia Mono', Consolas, monospace;
    font-size: 1.15em;
    font-weight: 700;
    letter-spacing: 0.08em;
    user-select: all;
  }
  .state {
    display: block;
    font-weight: 600;
  }
  .state.connected {
    color: var(--_success);
  }
  .state.failed,
  .state.cancelled {
    color: var(--_danger);
  }
  .detail {
    display: block;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .link {
    flex-wrap: nowrap;
  }
  .link input {
    min-width: 0;
    width: 16em;
    flex: 1;
  }
`;

export const boardStyles = css`
  dialog {
    width: min(68rem, 100vw);
  }
  .counts {
    color: var(--_muted);
    margin: var(--_space) 0 0;
  }
  .rejected {
    margin-top: calc(var(--_space) * 3);
  }
  .rejected ul {
    margin: var(--_space) 0 0;
    padding-inline-start: 1.2em;
  }
`;
