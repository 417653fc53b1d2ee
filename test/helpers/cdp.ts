import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { findChromium, headlessFlags, INSTALL_HINT } from './browser.js';

/**
 * One headless Chromium for many pages, driven over the DevTools protocol on a pipe
 * (`--remote-debugging-pipe`: the browser reads NUL-terminated JSON commands on fd 3 and writes
 * replies and events on fd 4). No port, no WebSocket, no dependency; the network is disabled
 * (every host name resolves to nothing). A test file launches it once in `beforeAll` and opens its
 * pages one after the other, so a suite of layout checks pays for one browser start.
 */
export interface Browser {
  /** Opens a file:// page at the given viewport width and waits for its load event and fonts. */
  open(file: string, width?: number, height?: number): Promise<Page>;
  close(): Promise<void>;
}

export interface Page {
  /** Evaluates an expression in the page (DevTools evaluation is not subject to the page's CSP). */
  evaluate<T>(expression: string): Promise<T>;
  /** A PNG of the whole page (or of a clip in CSS pixels). */
  screenshot(clip?: { x: number; y: number; width: number; height: number }): Promise<Buffer>;
  close(): Promise<void>;
}

interface Pending {
  resolve(v: Record<string, unknown>): void;
  reject(e: Error): void;
}

export async function launchBrowser(): Promise<Browser> {
  const exe = findChromium();
  if (!exe) throw new Error(`chromium not found: install it (${INSTALL_HINT})`);
  const profile = mkdtempSync(join(tmpdir(), 'cp-cdp-'));
  const child: ChildProcess = spawn(
    exe,
    [
      ...headlessFlags(profile),
      '--remote-debugging-pipe',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr = (stderr + String(d)).slice(-4000);
  });
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(m: Record<string, unknown>) => void>();
  let buf = Buffer.alloc(0);
  let exited = false;
  fromBrowser.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    for (let i = buf.indexOf(0); i >= 0; i = buf.indexOf(0)) {
      const msg = JSON.parse(buf.subarray(0, i).toString('utf8')) as Record<string, unknown>;
      buf = buf.subarray(i + 1);
      if (typeof msg.id === 'number' && pending.has(msg.id)) {
        const p = pending.get(msg.id)!;
        pending.delete(msg.id);
        if (msg.error) p.reject(new Error(`DevTools: ${JSON.stringify(msg.error)}`));
        else p.resolve((msg.result ?? {}) as Record<string, unknown>);
      } else for (const l of listeners) l(msg);
    }
  });
  child.on('exit', () => {
    exited = true;
    for (const p of pending.values()) p.reject(new Error(`chromium exited\n${stderr}`));
    pending.clear();
  });
  toBrowser.on('error', () => undefined);

  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      if (exited) return reject(new Error(`chromium exited\n${stderr}`));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  const waitFor = (pred: (m: Record<string, unknown>) => boolean, ms: number) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => {
        listeners.delete(l);
        reject(new Error('timed out waiting for the page'));
      }, ms);
      const l = (m: Record<string, unknown>) => {
        if (pred(m)) {
          clearTimeout(t);
          listeners.delete(l);
          resolve();
        }
      };
      listeners.add(l);
    });

  await send('Target.setDiscoverTargets', { discover: false });

  return {
    async open(file, width = 1280, height = 1000) {
      const { targetId } = (await send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
      const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
      await send('Page.enable', {}, sessionId);
      await send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
      const loaded = waitFor((m) => m.sessionId === sessionId && m.method === 'Page.loadEventFired', 60_000);
      await send('Page.navigate', { url: `file://${file}` }, sessionId);
      await loaded;
      const evaluate = async <T>(expression: string): Promise<T> => {
        const r = (await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId)) as { result: { value: T }; exceptionDetails?: unknown };
        if (r.exceptionDetails) throw new Error(`page evaluation failed: ${JSON.stringify(r.exceptionDetails)}`);
        return r.result.value;
      };
      await evaluate('document.fonts.ready.then(() => true)');
      return {
        evaluate,
        async screenshot(clip) {
          const size = await evaluate<{ w: number; h: number }>('({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight })');
          const c = clip ?? { x: 0, y: 0, width: size.w, height: size.h };
          const r = (await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip: { ...c, scale: 1 } }, sessionId)) as { data: string };
          return Buffer.from(r.data, 'base64');
        },
        async close() {
          await send('Target.closeTarget', { targetId });
        },
      };
    },
    async close() {
      if (!exited) {
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        send('Browser.close').catch(() => undefined);
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await gone;
        clearTimeout(t);
      }
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
