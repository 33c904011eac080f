import { ContextProvider } from '@lit/context';
import { fixture, html } from '@open-wc/testing';
import { render, type LitElement, type TemplateResult } from 'lit';
import { apiContext } from '../api/api-context.js';
import type { ApiClient } from '../api/client.js';
import { createFormatters, formattersContext } from '../i18n/format.js';

/** Renders `template` inside providers of the (fake) API client and the locale's formatters. */
export async function contextFixture<T extends LitElement>(
  template: TemplateResult,
  { api, locale = 'en-US' }: { api?: ApiClient; locale?: string } = {},
): Promise<T> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  if (api) new ContextProvider(wrapper, { context: apiContext, initialValue: api });
  new ContextProvider(wrapper, { context: formattersContext, initialValue: createFormatters(locale) });
  render(template, wrapper);
  const element = wrapper.firstElementChild as T;
  await element.updateComplete;
  return element;
}

/** Resolves after pending promises and Lit updates of `element` settle. */
export async function settle(element: LitElement, rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await element.updateComplete;
  }
}
