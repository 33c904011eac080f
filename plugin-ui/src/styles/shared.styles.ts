import { css } from 'lit';

/**
 * Theme tokens: each `--m365-*` property falls back to the host's `--host-*` property, then to a
 * neutral default, so the plugin takes the host portal's look without any global stylesheet.
 */
export const tokens = css`
  :host {
    --_font: var(--m365-font-family, var(--host-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif));
    --_font-size: var(--m365-font-size, var(--host-font-size, 14px));
    --_text: var(--m365-text-color, var(--host-text-color, #1f1f1f));
    --_muted: var(--m365-muted-color, var(--host-muted-color, #595959));
    --_surface: var(--m365-surface-color, var(--host-surface-color, #ffffff));
    --_surface-alt: var(--m365-surface-alt-color, var(--host-surface-alt-color, #f5f5f5));
    --_border: var(--m365-border-color, var(--host-border-color, #c7c7c7));
    --_accent: var(--m365-accent-color, var(--host-accent-color, #0f6cbd));
    --_accent-text: var(--m365-accent-text-color, var(--host-accent-text-color, #ffffff));
    --_danger: var(--m365-danger-color, var(--host-danger-color, #b10e1c));
    --_success: var(--m365-success-color, var(--host-success-color, #0e700e));
    --_warning: var(--m365-warning-color, var(--host-warning-color, #835b00));
    --_focus: var(--m365-focus-color, var(--host-focus-color, #0f6cbd));
    --_radius: var(--m365-radius, var(--host-radius, 4px));
    --_space: var(--m365-spacing, var(--host-spacing, 8px));
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
    line-height: 1.45;
  }
`;

/** Buttons, fields and helpers every element shares. */
export const shared = [
  tokens,
  css`
    :host {
      display: block;
      box-sizing: border-box;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    [hidden] {
      display: none !important;
    }
    h1,
    h2,
    h3 {
      margin: 0;
      line-height: 1.25;
    }
    h2 {
      font-size: 1.25em;
    }
    h3 {
      font-size: 1.05em;
    }
    button,
    .button {
      font: inherit;
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
      min-height: 2.25em;
      padding: 0 0.9em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      cursor: pointer;
      text-decoration: none;
      white-space: nowrap;
    }
    button.primary {
      background: var(--_accent);
      border-color: var(--_accent);
      color: var(--_accent-text);
    }
    button.danger {
      background: var(--_danger);
      border-color: var(--_danger);
      color: #ffffff;
    }
    button.link {
      border: none;
      background: none;
      color: var(--_accent);
      padding: 0;
      min-height: auto;
      text-decoration: underline;
    }
    button:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    :focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    input[type='text'],
    input[type='search'],
    select,
    textarea {
      font: inherit;
      color: var(--_text);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      min-height: 2.25em;
      padding: 0 0.6em;
    }
    input[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    label,
    .label {
      font-weight: 600;
    }
    .hint {
      color: var(--_muted);
      font-size: 0.93em;
      margin: 0.2em 0 0;
    }
    .error-text {
      color: var(--_danger);
      font-size: 0.93em;
      margin: 0.2em 0 0;
    }
    .field {
      display: grid;
      gap: 0.25em;
      margin-block: calc(var(--_space) * 2);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    .badge {
      display: inline-block;
      padding: 0 0.5em;
      border-radius: 999px;
      border: 1px solid currentColor;
      font-size: 0.85em;
      font-weight: 600;
      white-space: nowrap;
    }
    .row {
      display: flex;
      align-items: center;
      gap: var(--_space);
      flex-wrap: wrap;
    }
    .spacer {
      flex: 1;
    }
  `,
];
