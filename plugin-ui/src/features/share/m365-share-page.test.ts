import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SharedOnboarding } from '@m365/contracts';
import { ApiError } from '../../api/api-error.js';
import type { ShareClient } from '../../api/share-client.js';
import { settle } from '../../test-support/context-fixture.js';
import { $, $$, button, text } from '../../test-support/dom.js';
import { sharedOnboarding } from '../../test-support/factories.js';
import type { M365SharePage } from './m365-share-page.js';
import './m365-share-page.js';

/** A share client answering with `state.answer` (an onboarding or an error to throw), recording the tokens asked for. */
function fakeClient(answer: SharedOnboarding | Error) {
  const state = { answer, tokens: [] as string[] };
  const client: ShareClient = {
    getSharedOnboarding: async (token) => {
      state.tokens.push(token);
      if (state.answer instanceof Error) throw state.answer;
      return state.answer;
    },
  };
  return { state, client };
}

async function mount(client: ShareClient, token = 'tok-123') {
  const el = await fixture<M365SharePage>(html`<m365-share-page .client=${client} .token=${token}></m365-share-page>`);
  await settle(el);
  return el;
}

const configuring = (): SharedOnboarding =>
  sharedOnboarding({
    status: 'configuring',
    signIn: null,
    steps: sharedOnboarding().steps.map((step, index) => ({ ...step, state: index < 3 ? 'done' : index === 3 ? 'running' : 'pending' })),
  });

describe('<m365-share-page>', () => {
  it("shows the customer's name, the code with Copy and Log in to Microsoft 365, and the progress", async () => {
    const { state, client } = fakeClient(sharedOnboarding());
    const el = await mount(client);
    expect(state.tokens).to.deep.equal(['tok-123']);
    expect($(el, 'h1').textContent).to.equal('Connect Contoso to Microsoft 365 backup');
    expect($(el, '.code').textContent).to.equal('ABCD-EFGH');
    expect($(el, '[role=timer]').textContent).to.match(/^The code expires in 1[45]:\d\d\.$/);
    expect($$(el, '.steps li').map((item) => item.textContent?.replace(/\s+/g, ' ').trim())).to.deep.equal([
      '◔ Administrator sign-in · In progress',
      '○ Check the tenant and the administrator role · Pending',
      '○ Register the application · Pending',
      '○ Create the service principal · Pending',
      '○ Grant the permissions (admin consent) · Pending',
      '○ Create the credential · Pending',
      '○ Wait until Microsoft accepts the application · Pending',
      '○ Find and license the users · Pending',
    ]);
    expect(text(el)).to.contain('This link expires Mar 5, 2026');
    await expect(el).to.be.accessible();

    const written: string[] = [];
    const opened: unknown[][] = [];
    const originals = { writeText: navigator.clipboard.writeText, open: window.open };
    navigator.clipboard.writeText = async (value: string) => void written.push(value);
    window.open = (...args: unknown[]) => (opened.push(args), null);
    try {
      button(el, 'Copy').click();
      button(el, 'Log in to Microsoft 365').click();
      await settle(el);
    } finally {
      navigator.clipboard.writeText = originals.writeText;
      window.open = originals.open;
    }
    expect(written).to.deep.equal(['ABCD-EFGH']);
    expect(text(el)).to.contain('Copied');
    expect(opened.map((args) => args.slice(0, 2))).to.deep.equal([['https://login.example/devicelogin', '_blank']]);
  });

  it('follows the progress until connected, then stops asking', async function () {
    this.timeout(15_000);
    const { state, client } = fakeClient(sharedOnboarding());
    const el = await mount(client);
    state.answer = configuring();
    await waitUntil(() => text(el).includes('The backup is being set up'), 'configuring after a poll', { timeout: 5000 });
    expect(el.shadowRoot!.querySelector('.code')).to.equal(null);
    expect($(el, '.steps .running').textContent).to.contain('Create the service principal');

    state.answer = sharedOnboarding({ status: 'connected', signIn: null, steps: configuring().steps.map((step) => ({ ...step, state: 'done' })) });
    await waitUntil(() => text(el).includes('Contoso is connected to the backup'), 'connected after a poll', { timeout: 5000 });
    await expect(el).to.be.accessible();
    const asked = state.tokens.length;
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(state.tokens.length, 'no polling once connected').to.equal(asked);
  });

  it("shows the server's sentence for a failed or cancelled setup", async () => {
    const message = 'The setup stopped. Your IT provider has been told and will contact you.';
    const { client } = fakeClient(sharedOnboarding({ status: 'failed', signIn: null, failureMessage: message }));
    const el = await mount(client);
    expect($(el, '[role=alert]').textContent).to.equal(message);
    await expect(el).to.be.accessible();
  });

  it('says when the code expired that a new one is coming', async () => {
    const expired = sharedOnboarding();
    expired.signIn = { ...expired.signIn!, expiresAt: new Date(Date.now() - 1000).toISOString() };
    const { client } = fakeClient(expired);
    const el = await mount(client);
    expect(text(el)).to.contain('This code expired. A new one appears here in a moment.');
  });

  it('shows only the message for an unknown or expired link, and stops asking', async function () {
    this.timeout(10_000);
    const { state, client } = fakeClient(new ApiError('SHARE_LINK_EXPIRED', 'This link has expired. Ask your IT provider for a new one.', 410));
    const el = await mount(client);
    expect($(el, '[role=alert]').textContent).to.equal('This link has expired. Ask your IT provider for a new one.');
    expect(el.shadowRoot!.querySelector('.code')).to.equal(null);
    await expect(el).to.be.accessible();
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(state.tokens).to.have.length(1);
  });

  it('keeps the code on screen when one poll fails, and says so', async function () {
    this.timeout(10_000);
    const { state, client } = fakeClient(sharedOnboarding());
    const el = await mount(client);
    state.answer = new ApiError('NETWORK_FAILED', 'down', 0);
    await waitUntil(() => el.shadowRoot!.querySelector('.error-text'), 'the failed poll', { timeout: 5000 });
    expect($(el, '.error-text').textContent).to.contain('cannot be reached');
    expect($(el, '.code').textContent).to.equal('ABCD-EFGH');
  });

  it('asks for the complete link when the token is missing', async () => {
    const { state, client } = fakeClient(sharedOnboarding());
    const el = await mount(client, '');
    expect($(el, '[role=alert]').textContent).to.equal('This link is incomplete. Open the complete link your IT provider sent you.');
    expect(state.tokens).to.deep.equal([]);
  });
});
