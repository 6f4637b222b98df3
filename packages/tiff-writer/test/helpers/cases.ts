/**
 * A harness for interop cases: every case writes its file(s) first, tifffile then reads them all in one
 * Python process, and each case's assertions run against its report; libtiff checks every file too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missing, readWithTifffile, type TifffileReport, tempDir, tiffinfo } from './interop.js';

export interface InteropCase {
  readonly name: string;
  /** Write the case's file at `path`. */
  write(path: string): Promise<unknown>;
  /** Assertions on tifffile's reading (skipped when the case cannot be read by tifffile 2023.2.3). */
  readonly tifffile?: (report: TifffileReport) => void;
  /** Assertions on `tiffinfo -D` output (always: no warnings, no errors). */
  readonly tiffinfo?: (stdout: string) => void;
}

export function interopSuite(title: string, cases: readonly InteropCase[]): void {
  const tmp = tempDir('tiffkit-interop-');
  const files = new Map<string, string>();
  const fileOf = (c: InteropCase) => files.get(c.name) as string;

  describe(title, () => {
    beforeAll(async () => {
      for (const [i, c] of cases.entries()) {
        const path = tmp.path(`${i}-${c.name.replace(/\W+/g, '_').slice(0, 60)}.tif`);
        files.set(c.name, path);
        await c.write(path);
      }
    });
    afterAll(() => tmp.cleanup());

    describe.skipIf(missing('tifffile'))('read by tifffile', () => {
      let reports: Map<string, TifffileReport>;
      beforeAll(() => {
        const readable = cases.filter((c) => c.tifffile).map(fileOf);
        reports = new Map(readWithTifffile(readable).map((r) => [r.path, r]));
      });
      it.each(cases.filter((c) => c.tifffile))('$name', (c) => {
        const report = reports.get(fileOf(c)) as TifffileReport;
        expect(report.error).toBeUndefined();
        c.tifffile?.(report);
      });
    });

    describe.skipIf(missing('tiffinfo'))('read by libtiff without warnings', () => {
      it.each(cases)('$name', (c) => {
        const { stdout, stderr, status } = tiffinfo(fileOf(c));
        expect(stderr).toBe('');
        expect(status).toBe(0);
        c.tiffinfo?.(stdout);
      });
    });
  });
}
