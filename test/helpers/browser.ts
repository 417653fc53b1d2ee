import { existsSync } from 'node:fs';

/** Where Debian, Ubuntu and Chrome packages put a headless-capable browser. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const INSTALL_HINT = 'apt-get install chromium';

/** CHROMIUM_PATH, when set, is the only place looked at (a path that does not exist = no browser). */
export function findChromium(): string | undefined {
  const own = process.env.CHROMIUM_PATH;
  if (own) return existsSync(own) ? own : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** REQUIRE_BROWSER=1 (set by .ci/run) turns a missing browser into failing tests instead of skipped ones. */
export function browserRequired(): boolean {
  return process.env.REQUIRE_BROWSER === '1';
}

/** True when the browser tests should be skipped: no Chromium and not required. */
export function skipBrowserTests(): boolean {
  return !findChromium() && !browserRequired();
}

export const SKIP_LINE = `browser tests skipped: Chromium not found (install it: ${INSTALL_HINT}; REQUIRE_BROWSER=1 makes this a failure)`;

/**
 * The flags every test browser starts with: headless, no sandbox or GPU, no background traffic,
 * the network disabled (every host name resolves to nothing, so a page that tried to load anything
 * external would show it broken), scrollbars hidden, and its own throw-away profile.
 */
export function headlessFlags(profileDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    `--user-data-dir=${profileDir}`,
  ];
}
