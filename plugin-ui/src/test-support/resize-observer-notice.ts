const NOTICE = 'ResizeObserver loop completed with undelivered notifications.';

/**
 * Chromium reports "ResizeObserver loop completed with undelivered notifications" through
 * window.onerror whenever @lit-labs/virtualizer repositions rows it observes (it does so in its own
 * minimal example). It is a notice, not an exception (w3c/csswg-drafts#5488), but mocha fails the
 * test on it. Only that exact message is dropped; any other error still reaches mocha.
 */
export function ignoreResizeObserverLoopNotice(): void {
  let mochaHandler: OnErrorEventHandler = null;
  before(() => {
    mochaHandler = window.onerror;
    window.onerror = (message, ...rest) => (message === NOTICE ? true : (mochaHandler?.(message, ...rest) ?? false));
  });
  after(() => {
    window.onerror = mochaHandler;
  });
}
