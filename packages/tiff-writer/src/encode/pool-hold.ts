import type { EncoderPool } from '@tiffkit/tiff-codecs/pool/pool.js';
import type { WorkerOrigin } from '../plan/encoding-options.js';
import type { Warn } from '../plan/series-plan.js';
import type { PoolLease } from './encoder.js';

/**
 * A writer's hold on the shared encoder pool, from its first series encoded on workers until it
 * closes. The pool's module is imported the first time a write uses workers; the hold grows to the
 * workers a series asks for, and moves to another pool when a series names other workers (`workerUrl`,
 * `createWorker`). When no worker can start, the pool encodes on this thread and the caller is warned
 * once per writer.
 */
export class PoolHold {
  private held: { readonly pool: EncoderPool; readonly origin: WorkerOrigin } | undefined;
  private warned = false;

  constructor(private readonly warn: Warn) {}

  /** The pool, with at least `size` workers started from `origin`. */
  readonly lease: PoolLease = async (size, origin) => {
    const { held } = this;
    const same = held && held.origin.workerUrl === origin.workerUrl && held.origin.createWorker === origin.createWorker;
    if (held && same && held.pool.size >= size) return held.pool;
    const { EncoderPool } = await import('./pool.js');
    const pool = EncoderPool.acquire(size, {
      workerUrl: origin.workerUrl,
      createWorker: origin.createWorker,
      onUnavailable: (error) => this.unavailable(error),
    });
    this.held = { pool, origin };
    void held?.pool.release();
    return pool;
  };

  /** Let the pool go: the last holder's release stops the workers. */
  async release(): Promise<void> {
    const { held } = this;
    this.held = undefined;
    await held?.pool.release();
  }

  private unavailable(error: Error): void {
    if (this.warned) return;
    this.warned = true;
    this.warn(
      'workers-unavailable',
      `no encoder worker could start (${error.message}): encoding on this thread instead, with the same bytes; ` +
        'if a bundler left the worker out, pass workerUrl or createWorker (see "Workers and bundlers" in the README)',
    );
  }
}
