/**
 * Independent readers and writers for the CLI's tests: Python with numpy and tifffile (and zarr, GDAL
 * for their inputs). A missing one fails the test when REQUIRE_INTEROP=1 (CI), else the test is
 * skipped with a NOTICE — the pattern of packages/tiff-writer/test/helpers.
 */
import { spawnSync } from 'node:child_process';

const REQUIRED = process.env['REQUIRE_INTEROP'] === '1';

function findPython(modules: string): string | undefined {
  const candidates = [process.env['TIFFKIT_PYTHON'], '/usr/bin/python3', 'python3'].filter(Boolean) as string[];
  for (const python of candidates) {
    if (spawnSync(python, ['-c', `import ${modules}`], { stdio: 'ignore' }).status === 0) return python;
  }
  return undefined;
}

export const python = findPython('tifffile, numpy');
const withZarr = findPython('tifffile, numpy, zarr');
const withGdal = findPython('tifffile, numpy, osgeo.gdal');

type Reader = 'tifffile' | 'zarr' | 'gdal' | 'script';
const available: Record<Reader, boolean> = {
  tifffile: python !== undefined,
  zarr: withZarr !== undefined,
  gdal:
    withGdal !== undefined || spawnSync('sh', ['-c', 'command -v gdal_translate'], { stdio: 'ignore' }).status === 0,
  script: spawnSync('sh', ['-c', 'command -v script'], { stdio: 'ignore' }).status === 0,
};
const packages: Record<Reader, string> = {
  tifffile: 'python3-tifffile python3-numpy',
  zarr: 'python3-zarr',
  gdal: 'gdal-bin python3-gdal',
  script: 'util-linux (script)',
};
const noticed = new Set<Reader>();

/** True (skip) when `reader` is missing; throws instead under REQUIRE_INTEROP=1. */
export function missing(reader: Reader): boolean {
  if (available[reader]) return false;
  if (REQUIRED)
    throw new Error(`${reader} is required (REQUIRE_INTEROP=1) but missing: apt-get install ${packages[reader]}`);
  if (!noticed.has(reader)) {
    noticed.add(reader);
    console.warn(`NOTICE: ${reader} is not installed (${packages[reader]}): tests that need it are skipped`);
  }
  return true;
}

/**
 * Run Python `code` (numpy as np, tifffile, json imported; `args` as sys.argv[1:]) and parse the JSON it
 * prints last. Python makes the inputs and checks the outputs, so values are compared by NumPy itself.
 */
export function py(code: string, args: string[] = [], cwd?: string): unknown {
  const interpreter = withZarr ?? withGdal ?? python;
  if (!interpreter) throw new Error('python with tifffile and numpy is not available');
  const prelude = 'import sys, json\nimport numpy as np\nimport tifffile\n';
  const result = spawnSync(interpreter, ['-c', prelude + code, ...args], {
    encoding: 'utf8',
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`python failed (${result.status}):\n${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] as string);
}

/** Python code defining `down(x, method)`: one 2× pyramid level as the writer computes it. */
export const DOWNSAMPLE_PY = `
def down(x, method='mean', samples=False):
    """Halve the two page axes (before a trailing samples axis): block means rounded half up."""
    if samples:
        return np.moveaxis(down(np.moveaxis(x, -1, 0), method), 0, -1)
    if method == 'nearest':
        return x[..., ::2, ::2]
    l, w = x.shape[-2], x.shape[-1]
    padded = x.astype(np.float64)
    s = np.zeros(x.shape[:-2] + ((l + 1) // 2, (w + 1) // 2))
    n = np.zeros(((l + 1) // 2, (w + 1) // 2))
    for dy in (0, 1):
        for dx in (0, 1):
            part = padded[..., dy::2, dx::2]
            s[..., : part.shape[-2], : part.shape[-1]] += part
            n[: part.shape[-2], : part.shape[-1]] += 1
    mean = s / n
    if x.dtype.kind in 'iu':
        mean = np.floor(mean + 0.5)
    return mean.astype(x.dtype)
`;
