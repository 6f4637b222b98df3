import { stat } from 'node:fs/promises';
import { imwrite } from '@tiffkit/tiff-writer';
import { CliError, ExitCode } from './convert/errors.js';
import { withFileErrors } from './file-errors.js';
import { describeFile } from './info.js';

/** A synthetic 5-D time-lapse: T=3 frames, Z=5 slices, C=2 channels of 256×256 uint16. */
export function demoStack(): { data: Uint16Array; shape: number[]; axes: string } {
  const [T, Z, C, Y, X] = [3, 5, 2, 256, 256];
  const data = new Uint16Array(T * Z * C * Y * X);
  const cells = [
    [64, 80, 30],
    [170, 60, 24],
    [120, 170, 40],
    [200, 200, 20],
  ] as const;
  let i = 0;
  for (let t = 0; t < T; t++) {
    for (let z = 0; z < Z; z++) {
      const focus = Math.exp(-((z - 2) ** 2) / 4);
      for (let c = 0; c < C; c++) {
        for (let y = 0; y < Y; y++) {
          for (let x = 0; x < X; x++) {
            let v = 200 + ((x * 7 + y * 13 + t * 31 + c * 17) % 50);
            for (const [cx, cy, r] of cells) {
              const dx = x - cx - t * 6;
              const dy = y - cy;
              const d2 = (dx * dx + dy * dy) / (r * r);
              v +=
                c === 0 ? 30000 * focus * Math.exp(-d2) : 20000 * focus * Math.exp(-((Math.sqrt(d2) - 0.8) ** 2) * 20);
            }
            data[i++] = Math.min(65535, Math.round(v));
          }
        }
      }
    }
  }
  return { data, shape: [T, Z, C, Y, X], axes: 'TZCYX' };
}

/** What `tiffkit demo` was asked to do. */
export interface DemoOptions {
  /** Replace an existing file (refused otherwise, as `convert` does). */
  readonly overwrite?: boolean;
}

/** Refuse what would clobber a file by accident: a flag taken as the name, or an existing file. */
async function checkDemoPath(path: string, overwrite: boolean): Promise<void> {
  // Only reachable after `--` (commander parses anything else that starts with '-' as an option).
  if (path.startsWith('-')) {
    throw new CliError(
      `${path}: looks like an option, not a file name (write ./${path} to mean the file)`,
      ExitCode.USAGE,
    );
  }
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new CliError(`${path}: is a directory`, ExitCode.FAILED);
  if (existing && !overwrite) throw new CliError(`${path}: exists (pass --overwrite to replace it)`, ExitCode.EXISTS);
}

/** Write the demo stack to `path` and print its description. */
export async function runDemo(path: string, options: DemoOptions = {}): Promise<void> {
  await checkDemoPath(path, options.overwrite === true);
  const { data, shape, axes } = demoStack();
  await withFileErrors(path, () =>
    imwrite(
      path,
      { data, shape },
      { metadata: { axes }, photometric: 'minisblack', resolution: [4, 4], resolutionUnit: 'micrometer' },
    ),
  );
  const { size } = await stat(path);
  process.stdout.write(
    `wrote ${path}: ${size} bytes, shape [${shape.join(', ')}] (${axes}), uint16, ${shape.slice(0, 3).reduce((a, b) => a * b, 1)} pages\n\n`,
  );
  process.stdout.write(await describeFile(path, { maxIfds: 2 }));
}
