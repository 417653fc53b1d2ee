/**
 * Solver backends behind one interface, each run in a worker thread (WorkerSolver).
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { SolverFault, type LinearModel, type SolveOptions, type SolveResult, type SolverBackend } from './model.js';

export * from './model.js';

export type BackendName = 'glpk' | 'highs';
export const BACKENDS: readonly BackendName[] = ['glpk', 'highs'];

/** Heap limit (MiB) of a solver worker started for the injected 'crash' fault (forces OOM fast). */
export const CRASH_TEST_HEAP_MB = 48;
/** Grace added to the in-solver time limit before the worker is terminated (ms). */
export const WORKER_KILL_GRACE_MS = 1500;

function workerPath(): URL {
  const here = fileURLToPath(import.meta.url);
  // Under vitest the sources run as .ts; the worker must be the compiled file in dist/.
  if (here.endsWith('.ts')) {
    const js = here.replace(/[\\/]src[\\/]solver[\\/]index\.ts$/, '/dist/solver/worker.js');
    if (!existsSync(js)) throw new Error(`solver worker not built: ${js} (run npm run build)`);
    return new URL(`file://${js}`);
  }
  return new URL('./worker.js', import.meta.url);
}

/**
 * One worker thread hosting one backend. `solve` rejects with SolverFault on a timeout (the
 * worker is terminated), a crash (worker error or exit, e.g. out of memory) or a thrown error.
 */
export class WorkerSolver implements SolverBackend {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: SolveResult) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  constructor(
    readonly name: BackendName,
    private readonly heapMb?: number,
  ) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(workerPath(), this.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } } : undefined);
    w.on('message', (msg: { id: number; result?: SolveResult; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error !== undefined) p.reject(new SolverFault('error', `${this.name}: ${msg.error}`));
      else p.resolve(msg.result!);
    });
    const fail = (e: Error) => {
      if (this.worker !== w) return;
      for (const [, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(e);
      }
      this.pending.clear();
      this.worker = null;
    };
    w.on('error', (e) => fail(new SolverFault('crash', `${this.name} worker died: ${e.message}`)));
    w.on('exit', (code) => {
      if (this.pending.size > 0) fail(new SolverFault('crash', `${this.name} worker exited with code ${code}`));
      if (this.worker === w) this.worker = null;
    });
    // unref after adding listeners (adding a 'message' listener re-refs the port)
    w.unref();
    this.worker = w;
    return w;
  }

  async available(): Promise<boolean> {
    try {
      const r = await this.solve(
        { sense: 'min', variables: [{ name: 'x', obj: 1, lb: 1, ub: 2 }], constraints: [] },
        { timeLimitSeconds: 5 },
      );
      return r.status === 'optimal';
    } catch {
      return false;
    }
  }

  solve(model: LinearModel, options: SolveOptions = {}): Promise<SolveResult> {
    const w = this.start();
    const id = this.nextId++;
    const killAfter = (options.timeLimitSeconds ?? 60) * 1000 + WORKER_KILL_GRACE_MS;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SolverFault('timeout', `${this.name}: no answer after ${(killAfter / 1000).toFixed(1)} s; worker terminated`));
        void this.terminate();
      }, killAfter);
      this.pending.set(id, { resolve, reject, timer });
      w.postMessage({ id, backend: this.name, model, options });
    });
  }

  /** Ends the worker; pending solves reject with a 'crash' fault (their timers are cleared). */
  async terminate(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new SolverFault('crash', `${this.name} worker terminated`));
    }
    this.pending.clear();
    if (w) {
      w.removeAllListeners();
      w.on('error', () => undefined);
      await w.terminate();
    }
  }
}
