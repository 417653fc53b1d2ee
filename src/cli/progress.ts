import type { CliIo } from './io.js';

/**
 * A progress line on stderr: only when stderr is a TTY, silent otherwise (CI logs, pipes).
 * Shows count, rate and ETA when a total is known. Redraws at most every 100 ms.
 */
export interface Progress {
  update(done: number, total?: number, label?: string): void;
  message(text: string): void;
  done(): void;
}

const SILENT: Progress = { update() {}, message() {}, done() {} };

export function createProgress(io: CliIo, unit = 'rows', now: () => number = Date.now): Progress {
  if (!io.stderr.isTTY) return SILENT;
  const start = now();
  let last = 0;
  let shown = false;
  const draw = (text: string) => {
    io.stderr.write(`\r\x1b[2K${text}`);
    shown = true;
  };
  return {
    update(done, total, label) {
      const t = now();
      if (t - last < 100 && !(total !== undefined && done >= total)) return;
      last = t;
      const secs = Math.max(0.001, (t - start) / 1000);
      const rate = done / secs;
      let text = `${label ?? 'reading'}: ${done.toLocaleString('en-US')} ${unit}`;
      if (total !== undefined && total > 0) {
        const f = Math.min(1, done / total);
        const width = 24;
        const bar = '#'.repeat(Math.round(f * width)).padEnd(width, '.');
        const eta = rate > 0 ? (total - done) / rate : 0;
        text = `${label ?? 'reading'} [${bar}] ${(f * 100).toFixed(0)}% ${Math.round(rate).toLocaleString('en-US')} ${unit}/s ETA ${eta.toFixed(0)}s`;
      } else text += ` (${Math.round(rate).toLocaleString('en-US')}/s)`;
      draw(text);
    },
    message(text) {
      draw(text);
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[2K');
    },
  };
}
