import { skipBrowserTests, SKIP_LINE } from '../helpers/browser.js';

/** Global setup of `npm test`: one visible line when the browser tests will be skipped. */
export default function setup(): void {
  if (skipBrowserTests()) process.stderr.write(`${SKIP_LINE}\n`);
}
