// Plain JavaScript so that web-test-runner's config can import it before anything is built.

/** Debian's Chromium unless CHROME_PATH names another (npm test sets it). */
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** The flags that keep Chromium quiet on a closed network (STACK.md). */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
