import { css } from 'lit';
import type { StepState } from '@m365/contracts';

/** How a step state is drawn, in the Add organization panel and on the share page alike. */
export const STEP_ICONS: Record<StepState, string> = { pending: '○', running: '◔', waiting: '⏸', done: '✓', failed: '✕' };

/** The sign-in code, large and selectable in one click, and the row of buttons under it. */
export const signInCodeStyles = css`
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
    margin: 0;
  }
  .actions {
    margin-block: calc(var(--_space) * 2);
  }
`;

/** Configuration steps (icon and state colours) and the outcome box under them. */
export const stepStyles = css`
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
`;
