import { css } from 'lit';
import { signInCodeStyles, stepStyles } from '../../styles/onboarding.styles.js';

export const sharePageStyles = [
  signInCodeStyles,
  stepStyles,
  css`
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
    margin-top: 0.2em;
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
  .state {
    font-size: 0.9em;
  }
`,
];
