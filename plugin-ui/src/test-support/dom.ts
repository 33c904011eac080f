/** The element matching `selector` in `root`'s shadow root, or a failure naming what is missing. */
export function $<T extends Element = HTMLElement>(root: Element, selector: string): T {
  const found = root.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`${root.localName}: nothing matches ${selector}`);
  return found;
}

export function $$<T extends Element = HTMLElement>(root: Element, selector: string): T[] {
  return [...(root.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

/** The button (or role=tab) in `root`'s shadow root whose visible text is `text`. */
export function button(root: Element, text: string): HTMLButtonElement {
  const match = $$<HTMLButtonElement>(root, 'button').find((candidate) => candidate.textContent?.trim() === text);
  if (!match) throw new Error(`${root.localName}: no button "${text}"`);
  return match;
}

/** Text of an element's shadow root (or of the element itself when it has none), whitespace collapsed. */
export function text(root: Element): string {
  return ((root.shadowRoot ?? root).textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Sets an input's or select's value and fires the events a person's typing would. */
export function typeInto(field: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
