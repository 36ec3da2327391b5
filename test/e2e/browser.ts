/**
 * describe() for an e2e file: the suite runs when a browser is found (test/support/chromium.ts).
 * Without one, on CI the file fails with one test whose error is the one-line install hint (CI
 * never skips e2e); elsewhere the suite is skipped (global-setup.ts prints the same line once).
 * Hooks that start the browser belong inside the suite, so that neither case runs them.
 */
import { describe, it } from 'vitest';
import { isCi, lookupChromium, oneLineError } from '../support/chromium.ts';

export function describeWithBrowser(name: string, suite: () => void): void {
  const browser = lookupChromium();
  if (browser.found) describe(name, suite);
  else if (isCi()) {
    describe(name, () => {
      it('has a browser to drive', () => {
        throw oneLineError(`e2e: ${browser.message}`);
      });
    });
  } else describe.skip(name, suite);
}
