/**
 * Opens TIFF files in ImageJ 1.x itself and reports what ImageJ made of them, so tests can prove that
 * files open correctly in the program the ImageJ format exists for, not just in readers that know it.
 *
 * How: a small Java program (imagej/InspectWithImageJ.java) calls IJ.openImage, i.e. ImageJ's own Opener
 * and TiffDecoder, in a headless JVM, and prints one JSON line per file. Why this and not an ImageJ macro
 * via `-batch`: the macro `open()` initialises ImageJ's menus, which throws HeadlessException without an
 * X server (so it needs xvfb-run), and macro `print` rounds numbers to 4 decimals; the Java program needs
 * no display, reads the exact API (isHyperStack, CompositeImage mode, Calibration, LUTs, properties) and
 * prints exact numbers. It is compiled once with the JDK compiler module that Debian's JRE already ships
 * (`java -m jdk.compiler/...`, no javac binary needed) into a cache directory in the temp dir; each
 * inspection is then one ~0.2 s JVM start (the source-file launcher would cost ~1 s per call).
 *
 * Needs: Debian packages `imagej` (which pulls in `libij-java` with /usr/share/java/ij.jar and
 * `default-jre`). Override with TIFFKIT_IJ_JAR (path to ij.jar) and TIFFKIT_JAVA (java executable).
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A pixel position, all 0-based (ImageJ's own c, z, t are 1-based; the harness converts). */
export interface ImageJSample {
  c: number;
  z: number;
  t: number;
  x: number;
  y: number;
}

export interface ImageJReport {
  path: string;
  /** e.g. "1.53t99" for Debian's 1.53t. */
  imagejVersion: string;
  width: number;
  height: number;
  nChannels: number;
  nSlices: number;
  nFrames: number;
  stackSize: number;
  /** 8, 16, 24 (RGB) or 32. */
  bitDepth: number;
  isHyperStack: boolean;
  isComposite: boolean;
  /** "composite", "color" or "grayscale" when ImageJ made a CompositeImage. */
  compositeMode?: string;
  calibration: {
    pixelWidth: number;
    pixelHeight: number;
    pixelDepth: number;
    /** ImageJ's spelling: "um" in the file is reported as "µm". */
    unit: string;
    frameInterval: number;
    xOrigin: number;
    yOrigin: number;
    zOrigin: number;
    /** ImageJ opened int16 data as unsigned + 32768 with a calibration back to signed. */
    signed16: boolean;
  };
  /** The requested samples: calibrated values (int16 signed), packed 0xRRGGBB for RGB. */
  pixels: number[];
  /** The "Info" property (from IJMetadata), when present. */
  info?: string;
  /** Slice labels of the first 1000 stack images (null where none). */
  labels: (string | null)[];
  /** Image properties (ImageJ's getProp), e.g. from IJMetadata Properties. */
  properties: Record<string, string>;
  /** Display range [min, max] per channel. */
  ranges: [number, number][];
  /** Colour at LUT index 255 per channel as 0xRRGGBB (null when ImageJ has no LUT for it). */
  lutColors: (number | null)[];
  /** Anything ImageJ logged while opening (headless ImageJ prints its log and error messages). */
  log: string[];
}

export interface ImageJFailure {
  path: string;
  error: string;
  log: string[];
}

const MARK = '@@tiffkit-imagej@@ ';
const SOURCE = fileURLToPath(new URL('./imagej/InspectWithImageJ.java', import.meta.url));
const MAIN_CLASS = 'InspectWithImageJ';

interface Setup {
  java: string;
  ijJar: string;
  classDir: string;
  home: string;
}

let setup: Setup | string | undefined;

/** Why ImageJ cannot be used here, or undefined when it can. Compiles the inspector on first use. */
export function imagejMissingReason(): string | undefined {
  setup ??= prepare();
  return typeof setup === 'string' ? setup : undefined;
}

/** Whether ImageJ 1.x and a Java runtime able to run the inspector are installed. */
export function imagejAvailable(): boolean {
  return imagejMissingReason() === undefined;
}

function prepare(): Setup | string {
  const java =
    process.env['TIFFKIT_JAVA'] || (process.env['JAVA_HOME'] ? join(process.env['JAVA_HOME'], 'bin', 'java') : 'java');
  const ijJar = process.env['TIFFKIT_IJ_JAR'] || '/usr/share/java/ij.jar';
  if (!existsSync(ijJar))
    return `ImageJ's ij.jar was not found at ${ijJar} (apt-get install imagej, or set TIFFKIT_IJ_JAR)`;
  const version = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (version.status !== 0) return `no Java runtime at '${java}' (apt-get install imagej pulls in default-jre)`;
  // The cache key covers everything the compiled class depends on.
  const jar = statSync(ijJar);
  const key = createHash('sha256')
    .update(readFileSync(SOURCE))
    .update(`${ijJar}:${jar.size}:${jar.mtimeMs}:${version.stderr}`)
    .digest('hex')
    .slice(0, 16);
  const root = join(tmpdir(), `tiffkit-imagej-${key}`);
  const classDir = join(root, 'classes');
  const home = join(root, 'home');
  if (!existsSync(join(classDir, `${MAIN_CLASS}.class`))) {
    const staging = `${classDir}.${process.pid}.tmp`;
    rmSync(staging, { recursive: true, force: true });
    // The compiler module of the runtime image: Debian's JRE has it even without the javac binary.
    const compile = spawnSync(
      java,
      ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '-nowarn', '-cp', ijJar, '-d', staging, SOURCE],
      { encoding: 'utf8' },
    );
    if (compile.status !== 0) {
      rmSync(staging, { recursive: true, force: true });
      return `could not compile the ImageJ inspector with '${java}' (needs the jdk.compiler module): ${compile.stderr || compile.error}`;
    }
    try {
      renameSync(staging, classDir);
    } catch {
      // Another test process got there first; its classes are identical.
      rmSync(staging, { recursive: true, force: true });
    }
  }
  // An empty home keeps the user's ImageJ preferences (IJ_Prefs.txt) from changing how files open.
  mkdirSync(home, { recursive: true });
  return { java, ijJar, classDir, home };
}

/** Opens one file in ImageJ; rejects (with ImageJ's log in the message) when ImageJ cannot open it. */
export async function inspectWithImageJ(
  path: string,
  samplePixels: readonly ImageJSample[] = [],
): Promise<ImageJReport> {
  const [result] = await inspectManyWithImageJ([{ path, samplePixels }]);
  if (result === undefined || 'error' in result) {
    const log = result?.log.length ? `\nImageJ log:\n${result.log.join('\n')}` : '';
    throw new Error(`ImageJ failed on ${path}: ${result?.error ?? 'no result'}${log}`);
  }
  return result;
}

/** Opens several files in one JVM (one start-up for all); failures are returned, not thrown. */
export async function inspectManyWithImageJ(
  requests: readonly { path: string; samplePixels?: readonly ImageJSample[] }[],
): Promise<(ImageJReport | ImageJFailure)[]> {
  setup ??= prepare();
  const ready = setup;
  if (typeof ready === 'string') throw new Error(ready);
  const args = requests.flatMap(({ path, samplePixels = [] }, i) => [
    ...(i > 0 ? ['--'] : []),
    path,
    ...samplePixels.map(({ c, z, t, x, y }) => [c, z, t, x, y].map(integer).join(',')),
  ]);
  const stdout = await run(ready, args);
  const results: (ImageJReport | ImageJFailure)[] = [];
  let log: string[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(MARK)) {
      if (line.trim() !== '') log.push(line);
      continue;
    }
    const parsed = JSON.parse(line.slice(MARK.length), (_key, value) => nonFinite(value));
    results.push({ ...parsed, log });
    log = [];
  }
  if (results.length !== requests.length) {
    throw new Error(`the ImageJ inspector answered ${results.length} of ${requests.length} files:\n${stdout}`);
  }
  return results;
}

function run(ready: Setup, args: string[]): Promise<string> {
  const jvm = [
    '-Djava.awt.headless=true',
    `-Duser.home=${ready.home}`,
    '-Duser.language=en',
    '-Duser.country=US',
    // A short-lived JVM: skip the optimising compiler and parallel GC start-up.
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-cp',
    `${ready.ijJar}${delimiter}${ready.classDir}`,
    MAIN_CLASS,
  ];
  return new Promise((resolve, reject) => {
    execFile(ready.java, [...jvm, ...args], { timeout: 120_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`the ImageJ inspector failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

function integer(n: number): number {
  if (!Number.isSafeInteger(n)) throw new Error(`sample coordinate ${n} is not an integer`);
  return n;
}

/** Java sends NaN and ±Infinity as strings (JSON has no spelling for them). */
function nonFinite(value: unknown): unknown {
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return value;
}

const REQUIRED = process.env['REQUIRE_INTEROP'] === '1';
let noticed = false;

/**
 * For `describe.skipIf(imagejMissing())`: false when ImageJ is usable. When it is not, throws under
 * REQUIRE_INTEROP=1 (so CI fails instead of silently skipping) and otherwise warns once and returns true.
 */
export function imagejMissing(): boolean {
  const reason = imagejMissingReason();
  if (reason === undefined) return false;
  if (REQUIRED) throw new Error(`ImageJ is required (REQUIRE_INTEROP=1) but unusable: ${reason}`);
  if (!noticed) {
    noticed = true;
    console.warn(`NOTICE: ImageJ tests are skipped: ${reason}`);
  }
  return true;
}
