import { css } from 'lit';

export const panelStyles = css`
  dialog {
    margin: 0 0 0 auto;
    width: min(42rem, 100vw);
    max-width: 100vw;
    height: 100vh;
    max-height: 100vh;
    padding: 0;
    border: none;
    border-left: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
    display: none;
    flex-direction: column;
  }
  dialog[open] {
    display: flex;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  header,
  footer {
    padding: calc(var(--_space) * 2) calc(var(--_space) * 3);
    border-bottom: 1px solid var(--_border);
  }
  footer {
    border-bottom: none;
    border-top: 1px solid var(--_border);
  }
  .body {
    flex: 1;
    overflow: auto;
    padding: calc(var(--_space) * 2) calc(var(--_space) * 3);
  }
  .steps {
    display: flex;
    gap: calc(var(--_space) * 3);
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 3);
    list-style: none;
    counter-reset: step;
    color: var(--_muted);
    background: var(--_surface-alt);
    border-bottom: 1px solid var(--_border);
  }
  .steps li {
    counter-increment: step;
  }
  .steps li::before {
    content: counter(step) '. ';
  }
  .steps li[aria-current='step'] {
    color: var(--_text);
    font-weight: 600;
  }
  .cancel {
    margin-top: calc(var(--_space) * 2);
  }
`;
