import { css } from 'lit';

export const userListStyles = css`
  .toolbar,
  .bulk {
    margin-bottom: var(--_space);
  }
  .toolbar label {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  .toolbar input[type='search'] {
    min-width: 18em;
  }
  .summary,
  .note {
    color: var(--_muted);
    margin: 0 0 var(--_space);
  }
  .bulk {
    padding: var(--_space);
    background: var(--_surface-alt);
    border-radius: var(--_radius);
  }
  .list {
    height: var(--m365-user-list-height, 60vh);
    min-height: 320px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .user {
    width: 100%;
    height: 3.75em;
    overflow: hidden;
    display: grid;
    grid-template-columns: auto minmax(12em, 2fr) minmax(8em, 1.4fr) minmax(11em, 1fr);
    align-items: center;
    gap: var(--_space);
    padding: calc(var(--_space) / 2) var(--_space);
    border-bottom: 1px solid var(--_border);
  }
  .list.automatic .user {
    grid-template-columns: minmax(12em, 2fr) minmax(8em, 1.4fr) minmax(11em, 1fr);
  }
  .who {
    display: grid;
    min-width: 0;
  }
  .name {
    font-weight: 600;
  }
  .upn,
  .services {
    color: var(--_muted);
    font-size: 0.9em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .facts .badge {
    margin-inline-end: 0.3em;
    color: var(--_muted);
  }
  .license {
    display: grid;
  }
  .yes {
    color: var(--_success);
    font-weight: 600;
  }
  .reason {
    font-size: 0.9em;
    color: var(--_muted);
  }
  .reason.eligible {
    color: var(--_warning);
  }
  .toggle {
    display: flex;
    align-items: center;
    gap: 0.5em;
    font-weight: normal;
  }
  input[role='switch'] {
    width: 1.2em;
    height: 1.2em;
    accent-color: var(--_accent);
  }
  .empty {
    padding: calc(var(--_space) * 3);
    text-align: center;
    color: var(--_muted);
  }
`;
