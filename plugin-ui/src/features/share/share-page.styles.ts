import { css } from 'lit';

export const sharePageStyles = css`
  :host {
    max-width: 40rem;
    margin: calc(var(--_space) * 4) auto;
    padding: 0 calc(var(--_space) * 2);
  }
  h1 {
    font-size: 1.5em;
    margin-bottom: var(--_space);
  }
  h2 {
    margin-top: calc(var(--_space) * 3);
  }
  .how {
    padding-inline-start: 1.4em;
  }
  .code {
    font-family: ui-monospace, 'Cascadia Mono', Consolas, monospace;
    font-size: 2.2em;
    font-weight: 700;
    letter-spacing: 0.12em;
    padding: var(--_space) calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    user-select: all;
    margin: 0.2em 0 0;
  }
  .actions {
    margin-block: calc(var(--_space) * 2);
  }
  .box {
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_accent);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 1.5);
  }
  .box.success {
    border-left-color: var(--_success);
  }
  .box.failure {
    border-left-color: var(--_danger);
  }
  .steps {
    list-style: none;
    margin: var(--_space) 0;
    padding: 0;
  }
  .steps li {
    display: grid;
    grid-template-columns: 1.6em 1fr;
    padding: calc(var(--_space) / 2) 0;
    border-bottom: 1px solid var(--_border);
  }
  .icon {
    font-weight: 700;
    text-align: center;
  }
  .done .icon {
    color: var(--_success);
  }
  .failed .icon,
  .failed .state {
    color: var(--_danger);
  }
  .running .icon,
  .waiting .icon {
    color: var(--_accent);
  }
  .pending {
    color: var(--_muted);
  }
  .state {
    font-size: 0.9em;
  }
`;
