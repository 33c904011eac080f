import { expect, html, oneEvent } from '@open-wc/testing';
import type { SignInCode } from '@m365/contracts';
import { contextFixture } from '../../test-support/context-fixture.js';
import { $, button, text } from '../../test-support/dom.js';
import type { M365SignInCode } from './m365-sign-in-code.js';
import './m365-sign-in-code.js';

const code = (overrides: Partial<SignInCode> = {}): SignInCode => ({
  userCode: 'KXQ7-9PLM',
  verificationUri: 'http://127.0.0.1:8444/devicelogin',
  expiresAt: new Date(Date.now() + 14 * 60_000 + 30_000).toISOString(),
  issuedAt: new Date().toISOString(),
  renewals: 0,
  ...overrides,
});

const mount = (signIn: SignInCode | null, extra = html``) =>
  contextFixture<M365SignInCode>(html`<m365-sign-in-code .signIn=${signIn}></m365-sign-in-code>${extra}`);

describe('<m365-sign-in-code>', () => {
  it('shows the code large with the time left, accessibly', async () => {
    const el = await mount(code());
    expect($(el, '.code').textContent).to.equal('KXQ7-9PLM');
    expect(parseFloat(getComputedStyle($(el, '.code')).fontSize)).to.be.greaterThan(28);
    expect($(el, '[role=timer]').textContent).to.match(/^Expires in 14:(29|30)$/);
    await expect(el).to.be.accessible();
  });

  it('copies the code to the clipboard', async () => {
    const el = await mount(code());
    const written: string[] = [];
    const original = navigator.clipboard.writeText;
    navigator.clipboard.writeText = async (value: string) => void written.push(value);
    try {
      button(el, 'Copy').click();
      await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
      expect(written).to.deep.equal(['KXQ7-9PLM']);
      expect(text(el)).to.contain('Copied');
    } finally {
      navigator.clipboard.writeText = original;
    }
  });

  it('says so when copying fails', async () => {
    const el = await mount(code());
    const original = navigator.clipboard.writeText;
    navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));
    try {
      button(el, 'Copy').click();
      await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
      expect(text(el)).to.contain('Copy failed');
    } finally {
      navigator.clipboard.writeText = original;
    }
  });

  it('opens the verification page in a new window on Log in to Microsoft 365', async () => {
    const el = await mount(code());
    const opened: unknown[][] = [];
    const original = window.open;
    window.open = (...args: unknown[]) => {
      opened.push(args);
      return null;
    };
    try {
      button(el, 'Log in to Microsoft 365').click();
    } finally {
      window.open = original;
    }
    expect(opened.length).to.equal(1);
    expect(opened[0]![0]).to.equal('http://127.0.0.1:8444/devicelogin');
    expect(opened[0]![1]).to.equal('_blank');
    expect(String(opened[0]![2])).to.contain('popup');
  });

  it('counts down every second', async () => {
    const el = await mount(code({ expiresAt: new Date(Date.now() + 3_500).toISOString() }));
    const first = $(el, '[role=timer]').textContent;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await el.updateComplete;
    expect($(el, '[role=timer]').textContent).not.to.equal(first);
  });

  it('after expiry says a new code is coming and offers Get a new code', async () => {
    const el = await mount(code({ expiresAt: new Date(Date.now() - 1000).toISOString() }));
    expect(text(el)).to.contain('This code expired. A new one is on its way');
    setTimeout(() => button(el, 'Get a new code').click());
    await oneEvent(el, 'm365-code-renew');
  });

  it('announces a renewed code', async () => {
    const el = await mount(code({ userCode: 'NEW1-CODE', renewals: 1 }));
    expect(text(el)).to.contain('The previous code expired: use this new code.');
    expect($(el, '.code').textContent).to.equal('NEW1-CODE');
    await expect(el).to.be.accessible();
  });

  it('offers the pop-up sign-in and shows its progress and failure', async () => {
    const el = await mount(code());
    setTimeout(() => button(el, 'Sign in with a pop-up instead').click());
    await oneEvent(el, 'm365-popup-sign-in');
    el.popupBusy = true;
    await el.updateComplete;
    expect(button(el, 'Sign in with a pop-up instead').disabled).to.equal(true);
    expect(text(el)).to.contain('Waiting for the pop-up sign-in');
    el.popupBusy = false;
    el.popupError = 'The pop-up sign-in did not finish: user_cancelled';
    await el.updateComplete;
    expect($(el, '[role=alert]').textContent).to.contain('user_cancelled');
  });
});
