#!/usr/bin/env node
// The `consolidate` CLI: a thin shell over the library (dist/). Ctrl-C / SIGTERM abort cleanly.
// The signal handlers are installed before the library is loaded, so a signal that arrives while
// the modules are still loading (slow disks, busy machines) is also handled.
const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => controller.abort(new Error(`received ${sig}`)));
}
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
