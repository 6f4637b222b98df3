import cliProgress from 'cli-progress';
import { formatBytes } from './sizes.js';

/** Where a conversion reports how far it is. */
export interface Progress {
  /** `bytes` more of the input's (decoded) values were handed to the writer. */
  advance(bytes: number): void;
  /** A short note about what is being written (`series 0`, `level 2`). */
  stage(label: string): void;
  /** End the report; `completed` false (a failure) leaves out the final line. */
  stop(completed: boolean): void;
}

/** Choose the reporter: a bar on a terminal, periodic lines otherwise, nothing with --quiet. */
export function createProgress(
  total: number,
  mode: 'quiet' | 'auto',
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (mode === 'quiet' || total === 0) return { advance() {}, stage() {}, stop() {} };
  return stream.isTTY ? new BarProgress(total, stream) : new LineProgress(total, stream);
}

function rate(bytes: number, since: number): number {
  const seconds = (performance.now() - since) / 1000;
  return seconds > 0 ? bytes / seconds : 0;
}

function eta(done: number, total: number, speed: number): string {
  if (speed <= 0 || done === 0) return '--';
  const seconds = Math.max(0, Math.round((total - done) / speed));
  const m = Math.floor(seconds / 60);
  return m > 0 ? `${m}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
}

/**
 * cli-progress's bar, with throughput and ETA computed from bytes (its own ETA counts items, and a
 * conversion's throughput is what a user compares with their disk).
 */
class BarProgress implements Progress {
  private readonly bar: cliProgress.SingleBar;
  private readonly started = performance.now();
  private done = 0;
  private label = '';

  constructor(
    private readonly total: number,
    stream: NodeJS.WriteStream,
  ) {
    this.bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'converting |{bar}| {percentage}% | {doneText} of {totalText} | {speed}/s | ETA {etaText} {label}',
        barCompleteChar: '█',
        barIncompleteChar: '░',
        hideCursor: true,
        fps: 10,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0, this.payload());
  }

  private payload() {
    const speed = rate(this.done, this.started);
    return {
      doneText: formatBytes(this.done),
      totalText: formatBytes(this.total),
      speed: formatBytes(Math.round(speed)),
      etaText: eta(this.done, this.total, speed),
      label: this.label,
    };
  }

  advance(bytes: number): void {
    this.done += bytes;
    this.bar.update(this.done, this.payload());
  }

  stage(label: string): void {
    this.label = label;
    this.bar.update(this.done, this.payload());
  }

  stop(completed: boolean): void {
    if (completed) this.bar.update(this.done, this.payload());
    this.bar.stop();
  }
}

/** Not a terminal (a log, CI): one plain line every few seconds, and one at the end. */
class LineProgress implements Progress {
  private readonly started = performance.now();
  private last = performance.now();
  private done = 0;
  private label = '';
  /** Seconds between lines; TIFFKIT_PROGRESS_INTERVAL overrides (tests use 0). */
  private readonly interval = Number(process.env['TIFFKIT_PROGRESS_INTERVAL'] ?? 5) * 1000;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream,
  ) {}

  private line(): void {
    const speed = rate(this.done, this.started);
    const percent = Math.floor((this.done / this.total) * 100);
    const label = this.label ? ` ${this.label}` : '';
    this.stream.write(
      `tiffkit: ${percent}% (${formatBytes(this.done)} of ${formatBytes(this.total)}), ${formatBytes(Math.round(speed))}/s, ETA ${eta(this.done, this.total, speed)}${label}\n`,
    );
  }

  advance(bytes: number): void {
    this.done += bytes;
    const now = performance.now();
    if (now - this.last >= this.interval) {
      this.last = now;
      this.line();
    }
  }

  stage(label: string): void {
    this.label = label;
  }

  stop(completed: boolean): void {
    if (!completed) return;
    this.label = 'done';
    this.line();
  }
}
