import { expect } from '@open-wc/testing';
import { parseHostProps } from './host-props.js';

const valid = { name: 'm365', apiBaseUrl: 'https://portal.example/m365-plugin', getAccessToken: async () => 't' };

describe('parseHostProps', () => {
  it('accepts the host props and defaults the locale to en-US', () => {
    const props = parseHostProps({ ...valid, singleSpa: {}, mountParcel: () => undefined });
    expect(props.locale).to.equal('en-US');
    expect(props.apiBaseUrl).to.equal(valid.apiBaseUrl);
    expect(props.customerId).to.equal(undefined);
  });

  it('keeps a valid locale, domElement and customerId', () => {
    const domElement = document.createElement('div');
    const props = parseHostProps({ ...valid, locale: 'de-DE', domElement, customerId: 'cust-1' });
    expect([props.locale, props.domElement, props.customerId]).to.deep.equal(['de-DE', domElement, 'cust-1']);
  });

  for (const [field, value, message] of [
    ['apiBaseUrl', 'relative/path', 'apiBaseUrl must be an absolute URL'],
    ['apiBaseUrl', undefined, 'apiBaseUrl is required'],
    ['getAccessToken', 'token', 'getAccessToken must be a function'],
    ['locale', 'not a locale!', 'locale must be a BCP 47 language tag'],
    ['domElement', '#app', 'domElement must be an HTMLElement'],
  ] as const) {
    it(`refuses ${field} = ${String(value)}`, () => {
      expect(() => parseHostProps({ ...valid, [field]: value })).to.throw(message);
    });
  }
});
