import { describe, it, expect } from 'vitest';
import yargs from 'yargs';
import { main, skipHelpCache } from '../../src/cli/main.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {}, cwd: process.cwd() });
  return { code, out, err };
}

describe('the help text yargs would cache after a command starts is not built', () => {
  it('the installed yargs has the method, and it is replaced (so the skip is active)', () => {
    const y = yargs([]);
    const usage = (y as unknown as { getInternalMethods: () => { getUsageInstance: () => { cacheHelpMessage: () => void; hasCachedHelpMessage: () => boolean } } })
      .getInternalMethods()
      .getUsageInstance();
    const original = usage.cacheHelpMessage;
    expect(skipHelpCache(y)).toBe(true);
    expect(usage.cacheHelpMessage).not.toBe(original);
    usage.cacheHelpMessage();
    expect(usage.hasCachedHelpMessage()).toBe(false);
    // an object without yargs' internals is left alone
    expect(skipHelpCache({})).toBe(false);
  });

  it('`pack --help` still prints the command help, and a failing command still prints its error only', async () => {
    const help = await run(['pack', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--hosts');
    expect(help.out).toContain('--time-limit');
    const bad = await run(['pack', 'no-such-file.csv', '--hosts', 'no-such-hosts.csv']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^consolidate: error: /);
    expect(bad.err).not.toContain('--time-limit');
    expect(bad.out).toBe('');
  });
});
