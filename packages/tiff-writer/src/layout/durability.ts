import { invalidOption } from '@tiffkit/tiff-core/errors.js';
import type { Sink } from '@tiffkit/tiff-core/sink.js';
import type { FsyncPolicy, OpenOptions } from '../options.js';

/** `OpenOptions.fsync`, checked: when the file is forced to the storage device. */
type SyncRule =
  | { readonly kind: 'never' | 'close' | 'write' }
  | { readonly kind: 'periodic'; readonly frames: number; readonly seconds: number };

const ACCEPTED_FSYNC = "'never', 'close', 'write' or { frames?: positive integer, seconds?: positive number }";

function parseFsync(policy: FsyncPolicy | undefined): SyncRule {
  if (policy === undefined || policy === 'never' || policy === 'close' || policy === 'write') {
    return { kind: policy ?? 'never' };
  }
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    throw invalidOption('fsync', policy, ACCEPTED_FSYNC);
  }
  const unknown = Object.keys(policy).find((key) => key !== 'frames' && key !== 'seconds');
  if (unknown !== undefined)
    throw invalidOption(`fsync.${unknown}`, (policy as Record<string, unknown>)[unknown], ACCEPTED_FSYNC);
  const { frames, seconds } = policy;
  if (frames !== undefined && !(Number.isSafeInteger(frames) && frames > 0)) {
    throw invalidOption('fsync.frames', frames, 'a positive integer (pages between two syncs)');
  }
  if (seconds !== undefined && !(typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0)) {
    throw invalidOption('fsync.seconds', seconds, 'a positive number of seconds between two syncs');
  }
  if (frames === undefined && seconds === undefined) {
    throw invalidOption('fsync', policy, `${ACCEPTED_FSYNC}, with frames or seconds`);
  }
  return { kind: 'periodic', frames: frames ?? Number.POSITIVE_INFINITY, seconds: seconds ?? Number.POSITIVE_INFINITY };
}

/** Validate `crashSafe` and `fsync` of the open options (before the file is opened). */
export function parseDurability(options: OpenOptions): { readonly crashSafe: boolean; readonly rule: SyncRule } {
  const crashSafe = options.crashSafe ?? true;
  if (typeof crashSafe !== 'boolean') throw invalidOption('crashSafe', options.crashSafe, 'true or false');
  return { crashSafe, rule: parseFsync(options.fsync) };
}

/**
 * The order in which bytes reach the operating system and the disk. Crash safety rests on one rule:
 * whatever a pointer makes part of the file (data, IFDs, text) is handed over before the pointer is,
 * so a crash at any moment leaves a file whose every linked byte was written. With `fsync: 'write'`
 * the same barriers reach the disk, which makes the rule hold after a power cut too.
 */
export class Durability {
  /** Pages of the calls completed since the last sync. */
  private framesSinceSync = 0;
  private lastSync: number;

  constructor(
    private readonly sink: Sink,
    /** Link each call's pages and update the metadata before the call resolves. */
    readonly crashSafe: boolean,
    private readonly rule: SyncRule,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastSync = now();
  }

  /** Before a pointer write that links bytes written so far: hand those bytes over first. */
  async barrier(): Promise<void> {
    if (!this.crashSafe) return;
    if (this.rule.kind === 'write') await this.sync();
    else await this.sink.flush?.();
  }

  /**
   * A `write()` call is complete with `frames` new pages: hand everything to the operating system
   * (crash-safe), and force it to the disk when the policy says so.
   */
  async committed(frames: number): Promise<void> {
    this.framesSinceSync += frames;
    const { rule } = this;
    const due =
      rule.kind === 'write' ||
      (rule.kind === 'periodic' &&
        (this.framesSinceSync >= rule.frames || (this.now() - this.lastSync) / 1000 >= rule.seconds));
    if (due) await this.sync();
    else if (this.crashSafe) await this.sink.flush?.();
  }

  /** The file is about to close: its last bytes are written; force them to the disk unless told never. */
  async closing(): Promise<void> {
    if (this.rule.kind !== 'never') await this.sync();
  }

  private async sync(): Promise<void> {
    if (this.sink.sync) await this.sink.sync();
    else await this.sink.flush?.();
    this.framesSinceSync = 0;
    this.lastSync = this.now();
  }
}
