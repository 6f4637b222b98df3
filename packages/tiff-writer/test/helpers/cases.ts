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
  /** Assertions on `tiffinfo -D` output (always: no errors, no warnings but the allowed ones). */
  readonly tiffinfo?: (stdout: string) => void;
  /**
   * libtiff warnings that are expected, with the reason in the case: libtiff warns about every tag it
   * does not know (private extra tags) and about the two ImageDescription tags tifffile's convention uses.
   */
  readonly allowedWarnings?: RegExp;
  /** The file is one libtiff cannot read by design (say why in the case): its expected error. */
  readonly libtiffRejects?: RegExp;
}

/** libtiff's warning for a tag it does not know. */
export const UNKNOWN_TAG = /^TIFFReadDirectory: Warning, Unknown field with tag \d+ \(0x[0-9a-f]+\) encountered\.$/;
/** libtiff's warning for repeated tags (the user description and the shaped JSON are both tag 270). */
export const REPEATED_TAG =
  /^TIFFReadDirectoryCheckOrder: Warning, Invalid TIFF directory; tags are not sorted in ascending order\.$/;

/** A pattern that matches a line if any of `patterns` does. */
export function anyOf(...patterns: RegExp[]): RegExp {
  return new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'));
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

    describe.skipIf(missing('tifffile') || !cases.some((c) => c.tifffile))('read by tifffile', () => {
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
        if (c.libtiffRejects) {
          expect(stderr).toMatch(c.libtiffRejects);
          return;
        }
        const lines = stderr.split('\n').filter(Boolean);
        const allowed = c.allowedWarnings;
        expect(allowed ? lines.filter((line) => !allowed.test(line)) : lines).toEqual([]);
        expect(status).toBe(0);
        c.tiffinfo?.(stdout);
      });
    });
  });
}
