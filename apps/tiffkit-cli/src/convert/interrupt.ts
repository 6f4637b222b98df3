import { InterruptedError } from './errors.js';

/**
 * SIGINT/SIGTERM during a conversion: the first signal makes the next read of the input throw (so the
 * writer stops and the partial output is removed in order); a second one runs `cleanUpNow` and exits.
 */
export class Interrupt {
  private signal: string | undefined;
  private readonly handlers: [NodeJS.Signals, () => void][] = [];

  constructor(cleanUpNow: () => void, quiet: boolean) {
    for (const name of ['SIGINT', 'SIGTERM'] as const) {
      const handler = () => {
        if (this.signal !== undefined) {
          cleanUpNow();
          process.exit(130);
        }
        this.signal = name;
        if (!quiet) process.stderr.write(`\ntiffkit: ${name}: stopping and removing the partial output…\n`);
      };
      process.on(name, handler);
      this.handlers.push([name, handler]);
    }
  }

  /** Throw when a signal arrived: called between reads, so a conversion stops within one band. */
  check(): void {
    if (this.signal !== undefined) throw new InterruptedError(this.signal);
  }

  get interrupted(): boolean {
    return this.signal !== undefined;
  }

  dispose(): void {
    for (const [name, handler] of this.handlers) process.off(name, handler);
  }
}
