#!/usr/bin/env node
// The `consolidate` CLI: a thin shell over the library (dist/). Ctrl-C / SIGTERM abort cleanly.
import { main } from '../dist/cli/main.js';

const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => controller.abort(new Error(`received ${sig}`)));
}
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
