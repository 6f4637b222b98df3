import { rmSync } from 'node:fs';

/**
 * Temporary files a conversion creates (the partial output, pyramid levels, transposed copies), so that
 * an interruption can remove them all synchronously, even from a signal handler that exits at once.
 */
const live = new Set<string>();

export function track(path: string): string {
  live.add(path);
  return path;
}

export function untrack(path: string): void {
  live.delete(path);
}

/** Remove every tracked file now (best effort). */
export function removeAllNow(): void {
  for (const path of live) {
    try {
      rmSync(path, { force: true });
    } catch {
      // Nothing more can be done in a signal handler; the next run's names differ anyway.
    }
  }
  live.clear();
}
