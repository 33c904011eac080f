import { expect, waitUntil } from '@open-wc/testing';
import { mountRootParcel } from 'single-spa';
import * as plugin from './main.js';
import type { M365AppRoot } from './app-root.js';

type Listener = { target: EventTarget; type: string; listener: unknown; capture: boolean };

/** Records timers and listeners created while active, and which of them are still alive. */
function trackResources() {
  // Timers are attributed by the stack that created them; single-spa's lifecycle-timeout warnings and the test helpers' timers are not the plugin's.
  const intervals = new Map<unknown, string>();
  const timeouts = new Map<unknown, string>();
  const creator = () => new Error().stack ?? '';
  const ours = (stack: string) => !stack.includes('single-spa') && !stack.includes('@open-wc/');
  const listeners: Listener[] = [];
  const original = {
    setInterval: window.setInterval,
    clearInterval: window.clearInterval,
    setTimeout: window.setTimeout,
    clearTimeout: window.clearTimeout,
    add: EventTarget.prototype.addEventListener,
    remove: EventTarget.prototype.removeEventListener,
  };
  const captureOf = (options: unknown) =>
    typeof options === 'boolean' ? options : Boolean((options as AddEventListenerOptions | undefined)?.capture);
  window.setInterval = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
    const id = original.setInterval.call(window, handler, ms, ...rest);
    if (ours(creator())) intervals.set(id, creator());
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    intervals.delete(id);
    original.clearInterval.call(window, id);
  }) as typeof window.clearInterval;
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
    const id: number = original.setTimeout.call(
      window,
      (...args: unknown[]) => {
        timeouts.delete(id);
        if (typeof handler === 'function') handler(...args);
      },
      ms,
      ...rest,
    );
    if (ours(creator())) timeouts.set(id, creator());
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    timeouts.delete(id);
    original.clearTimeout.call(window, id);
  }) as typeof window.clearTimeout;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type, listener, options) {
    listeners.push({ target: this, type, listener, capture: captureOf(options) });
    return original.add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type, listener, options) {
    const capture = captureOf(options);
    const index = listeners.findIndex(
      (entry) => entry.target === this && entry.type === type && entry.listener === listener && entry.capture === capture,
    );
    if (index >= 0) listeners.splice(index, 1);
    return original.remove.call(this, type, listener, options);
  };
  return {
    intervals,
    timeouts,
    /** Listeners still registered on something that outlives the plugin: window, document or a connected node. */
    liveListeners: () =>
      listeners.filter(
        ({ target }) => target === window || target === document || (target instanceof Node && target.isConnected),
      ),
    restore() {
      Object.assign(window, {
        setInterval: original.setInterval,
        clearInterval: original.clearInterval,
        setTimeout: original.setTimeout,
        clearTimeout: original.clearTimeout,
      });
      EventTarget.prototype.addEventListener = original.add;
      EventTarget.prototype.removeEventListener = original.remove;
    },
  };
}

function stubFetch(respond: (url: string, init: RequestInit) => Promise<Response>) {
  const original = window.fetch;
  const requests: Array<{ url: string; init: RequestInit }> = [];
  window.fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    requests.push({ url, init });
    return respond(url, init);
  };
  return { requests, restore: () => (window.fetch = original) };
}

const json = (body: unknown) =>
  Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
const emptyPage = () => json({ items: [], nextCursor: null, total: 0 });

function deepText(root: Node): string {
  let text = '';
  const walk = (node: Node) => {
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    node.childNodes.forEach(walk);
  };
  walk(root);
  return text;
}

const baseProps = {
  apiBaseUrl: 'http://plugin.test/m365-plugin/',
  getAccessToken: async () => 'host-token-1',
  locale: 'en-GB',
};
const props = (domElement: HTMLElement) => ({ ...baseProps, domElement });

describe('single-spa lifecycles (main.ts)', () => {
  let fetchStub: ReturnType<typeof stubFetch>;
  afterEach(() => fetchStub?.restore());

  it('mounts and unmounts twice through mountRootParcel, leaving no element, timer or listener', async () => {
    fetchStub = stubFetch(() => emptyPage());
    const host = document.createElement('section');
    document.body.append(host);
    const bodyBefore = document.body.innerHTML;
    const headBefore = document.head.innerHTML;

    for (let cycle = 0; cycle < 2; cycle += 1) {
      const tracker = trackResources();
      try {
        const parcel = mountRootParcel({ ...plugin }, props(host));
        await parcel.mountPromise;
        const root = host.querySelector('m365-app-root') as M365AppRoot;
        expect(root, 'app root mounted').to.be.instanceOf(HTMLElement);
        await waitUntil(() => deepText(root).includes('No Microsoft 365 organization is connected yet'));
        await parcel.unmount();
        expect(host.childNodes.length, 'container emptied').to.equal(0);
        expect(root.isConnected).to.equal(false);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect([...tracker.intervals.values()], 'intervals left running').to.deep.equal([]);
        expect([...tracker.timeouts.values()], 'timeouts left pending').to.deep.equal([]);
        expect(tracker.liveListeners().map((entry) => entry.type), 'listeners left behind').to.deep.equal([]);
      } finally {
        tracker.restore();
      }
    }
    host.remove();
    expect(document.body.innerHTML).to.equal(bodyBefore.replace('<section></section>', ''));
    expect(document.head.innerHTML).to.equal(headBefore);
    expect(fetchStub.requests.length).to.be.greaterThan(1);
  });

  it('aborts the requests still running at unmount', async () => {
    const signals: AbortSignal[] = [];
    fetchStub = stubFetch((_url, init) => {
      if (init.signal) signals.push(init.signal);
      return new Promise(() => {});
    });
    const host = document.createElement('div');
    document.body.append(host);
    const parcel = mountRootParcel({ ...plugin }, props(host));
    await parcel.mountPromise;
    await waitUntil(() => signals.length > 0);
    await parcel.unmount();
    expect(signals.every((signal) => signal.aborted)).to.equal(true);
    host.remove();
  });

  it('sends the host token and calls the API under apiBaseUrl', async () => {
    fetchStub = stubFetch(() => emptyPage());
    const host = document.createElement('div');
    document.body.append(host);
    const parcel = mountRootParcel({ ...plugin }, props(host));
    await parcel.mountPromise;
    await waitUntil(() => fetchStub.requests.length > 0);
    const [first] = fetchStub.requests;
    expect(first!.url.startsWith('http://plugin.test/m365-plugin/api/v1/organizations')).to.equal(true);
    expect(new Headers(first!.init.headers).get('authorization')).to.equal('Bearer host-token-1');
    await parcel.unmount();
    host.remove();
  });

  it('creates and then removes its own container when the host gives no domElement', async () => {
    fetchStub = stubFetch(() => emptyPage());
    const parcelProps = { ...baseProps, name: 'm365-test' };
    await plugin.mount(parcelProps);
    const container = document.getElementById('single-spa-application:m365-test');
    expect(container?.querySelector('m365-app-root')).to.be.instanceOf(HTMLElement);
    await plugin.unmount(parcelProps);
    expect(document.getElementById('single-spa-application:m365-test')).to.equal(null);
  });

  it('rejects mount with a message naming every invalid prop', async () => {
    const host = document.createElement('div');
    let error: Error | undefined;
    try {
      await plugin.mount({ name: 'x', domElement: host, apiBaseUrl: 'not a url', locale: 'en_US!' });
    } catch (caught) {
      error = caught as Error;
    }
    expect(error?.message).to.contain('invalid props');
    expect(error?.message).to.contain('apiBaseUrl');
    expect(error?.message).to.contain('getAccessToken');
    expect(error?.message).to.contain('locale');
    expect(host.childNodes.length).to.equal(0);
  });

  it('update passes a new locale to the mounted root', async () => {
    fetchStub = stubFetch(() => emptyPage());
    const host = document.createElement('div');
    document.body.append(host);
    const parcel = mountRootParcel({ ...plugin }, props(host));
    await parcel.mountPromise;
    await parcel.update!({ ...props(host), locale: 'fr-FR' });
    expect((host.querySelector('m365-app-root') as M365AppRoot).locale).to.equal('fr-FR');
    await parcel.unmount();
    host.remove();
  });
});
