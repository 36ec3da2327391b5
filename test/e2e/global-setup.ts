/** Setup of the e2e project: says once, in one line, that there is no browser and what follows. */
import { isCi, lookupChromium } from '../support/chromium.ts';

export default function setup(): void {
  const browser = lookupChromium();
  if (!browser.found) console.warn(`e2e: ${browser.message} ${isCi() ? '(CI: the e2e tests fail.)' : '(The e2e tests are skipped.)'}`);
}
