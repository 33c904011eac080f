import './app-root.js';
import type { M365AppRoot } from './app-root.js';
import { parseHostProps, type HostProps } from './host-props.js';

const ROOT_TAG = 'm365-app-root';
const CREATED_CONTAINER = 'm365Created';

function containerFor(props: HostProps): HTMLElement {
  if (props.domElement) return props.domElement;
  const id = `single-spa-application:${props.name}`;
  let container = document.getElementById(id);
  if (!container) {
    container = document.createElement('div');
    container.id = id;
    container.dataset[CREATED_CONTAINER] = 'true';
    document.body.appendChild(container);
  }
  return container;
}

function rootIn(container: HTMLElement): M365AppRoot | null {
  return container.querySelector<M365AppRoot>(`:scope > ${ROOT_TAG}`);
}

function applyProps(root: M365AppRoot, props: HostProps): void {
  root.apiBaseUrl = props.apiBaseUrl;
  root.getAccessToken = props.getAccessToken;
  root.locale = props.locale;
  root.customerId = props.customerId;
}

export async function bootstrap(): Promise<void> {}

export async function mount(rawProps: unknown): Promise<void> {
  const props = parseHostProps(rawProps);
  const container = containerFor(props);
  const root = rootIn(container) ?? document.createElement(ROOT_TAG);
  applyProps(root, props);
  container.appendChild(root);
  await root.updateComplete;
}

export async function unmount(rawProps: unknown): Promise<void> {
  const props = parseHostProps(rawProps);
  const container = props.domElement ?? document.getElementById(`single-spa-application:${props.name}`);
  if (!container) return;
  rootIn(container)?.remove();
  if (container.dataset[CREATED_CONTAINER]) container.remove();
}

export async function update(rawProps: unknown): Promise<void> {
  const props = parseHostProps(rawProps);
  const container = props.domElement ?? document.getElementById(`single-spa-application:${props.name}`);
  const root = container && rootIn(container);
  if (!root) throw new Error(`Microsoft 365 plugin: update called for "${props.name}" before mount`);
  applyProps(root, props);
  await root.updateComplete;
}
