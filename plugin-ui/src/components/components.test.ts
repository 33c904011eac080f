import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ApiError } from '../api/api-error.js';
import './m365-empty-state.js';
import './m365-error-message.js';
import './m365-status-badge.js';
import type { M365ErrorMessage } from './m365-error-message.js';
import type { M365StatusBadge } from './m365-status-badge.js';

describe('<m365-empty-state>', () => {
  it('renders the heading, the explanation and the slotted action, accessibly', async () => {
    const el = await fixture(html`<m365-empty-state heading="Nothing here" text="Why and what to do">
      <button>Act</button>
    </m365-empty-state>`);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Nothing here');
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('Why and what to do');
    expect(el.shadowRoot!.querySelector('slot')!.assignedElements()[0]!.textContent).to.equal('Act');
    await expect(el).to.be.accessible();
  });
});

describe('<m365-status-badge>', () => {
  for (const [status, label] of [
    ['connecting', 'Connecting'],
    ['configuring', 'Configuring'],
    ['connected', 'Connected'],
    ['needs_attention', 'Needs attention'],
    ['disconnected', 'Disconnected'],
  ] as const) {
    it(`labels ${status} as "${label}"`, async () => {
      const el = await fixture<M365StatusBadge>(html`<m365-status-badge .status=${status}></m365-status-badge>`);
      expect(el.shadowRoot!.textContent!.trim()).to.equal(label);
      expect(el.getAttribute('status')).to.equal(status);
      await expect(el).to.be.accessible();
    });
  }
});

describe('<m365-error-message>', () => {
  it("shows the server's message and fires m365-retry", async () => {
    const error = new ApiError('CUSTOMER_ALREADY_CONNECTED', 'Contoso already has a connected organization.', 409);
    const el = await fixture<M365ErrorMessage>(html`<m365-error-message .error=${error}></m365-error-message>`);
    expect(el.shadowRoot!.querySelector('[role=alert] p')!.textContent).to.equal(
      'Contoso already has a connected organization.',
    );
    await expect(el).to.be.accessible();
    setTimeout(() => el.shadowRoot!.querySelector('button')!.click());
    const event = await oneEvent(el, 'm365-retry');
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('explains client-side failures in words and can hide Retry', async () => {
    const error = new ApiError('NETWORK_FAILED', 'raw', 0);
    const el = await fixture<M365ErrorMessage>(
      html`<m365-error-message .error=${error} .retryable=${false}></m365-error-message>`,
    );
    expect(el.shadowRoot!.textContent).to.contain('cannot be reached');
    expect(el.shadowRoot!.querySelector('button')).to.equal(null);
  });
});
