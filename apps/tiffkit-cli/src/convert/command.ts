import { type Command, Option } from 'commander';
import { runConvert } from './convert.js';
import { parseConvertOptions, type RawConvertOptions } from './options.js';
import { formatBytes } from './sizes.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Register `tiffkit convert` on the program. */
export function addConvertCommand(program: Command): void {
  program
    .command('convert')
    .summary('convert .npy, raw binary, Zarr/OME-Zarr or TIFF into TIFF, OME-TIFF or ImageJ')
    .description(
      'Convert INPUT (or several INPUTs with --stack) into OUTPUT, reading and writing band by band so that ' +
        'memory stays within --memory whatever the input size. OUTPUT is written under a temporary name and ' +
        'renamed when complete; Ctrl-C leaves nothing behind.\n\n' +
        'Exit codes: 0 done, 1 reading or writing failed, 2 bad command line, 3 OUTPUT exists, 130 interrupted.',
    )
    .usage('INPUT... OUTPUT [options]')
    .argument('<paths...>', 'INPUT... OUTPUT')
    .addOption(new Option('--shape <dims>', 'raw input: its shape, e.g. 10,512,512'))
    .addOption(new Option('--dtype <type>', "raw input: dtype name or NumPy code ('uint16', '<u2', '>f4')"))
    .addOption(new Option('--offset <bytes>', 'raw input: bytes to skip before the values (default: 0)'))
    .addOption(new Option('--order <C|F>', 'raw input: C (row-major, default) or F (Fortran) order'))
    .addOption(new Option('--series <n>', 'TIFF input: convert only series N (default: all)'))
    .addOption(new Option('--stack <axis>', 'several inputs of one shape become one series along a new axis'))
    .addOption(
      new Option(
        '--kind <kind>',
        'output metadata: ome, imagej, shaped, generic (default: ome for *.ome.tif, else shaped)',
      ),
    )
    .addOption(new Option('--axes <axes>', "axes of the data, e.g. TZCYX (default: the input's)"))
    .addOption(new Option('--tile <y,x>', 'write tiles of this size (multiples of 16), e.g. 512,512'))
    .addOption(new Option('--rows-per-strip <n>', 'rows per strip (untiled output)'))
    .addOption(
      new Option(
        '--compression <name>',
        'none, zlib, deflate, lzw, packbits, jpeg, zstd, lzma, webp, png, jpeg2000, jpegxl (lossless; near-lossless with --level <= 100)',
      ),
    )
    .addOption(new Option('--level <n>', 'compression level (zlib 0-9, JPEG quality 1-100)'))
    .addOption(new Option('--codec-arg <key=value>', 'other compression argument (repeatable)').argParser(collect))
    .addOption(new Option('--predictor [name]', 'horizontal, floatingpoint, or alone: the one that fits the dtype'))
    .addOption(new Option('--pyramid <levels[:method]>', 'add LEVELS halvings as SubIFDs (mean or nearest)'))
    .addOption(new Option('--bigtiff', 'write a BigTIFF (automatic beyond 4 GiB of values)'))
    .addOption(new Option('--byteorder <order>', "< (little) or > (big); default: the input's"))
    .addOption(new Option('--photometric <name>', 'minisblack, miniswhite, rgb, … (default: rgb for …×3|4 samples)'))
    .addOption(new Option('--resolution <x[,y]>', 'pixels per unit'))
    .addOption(new Option('--unit <unit>', 'resolution unit: none, inch, centimeter, millimeter, micrometer'))
    .addOption(
      new Option('--metadata <key=value>', 'metadata key (JSON value or text; Channel.Name=… nests)').argParser(
        collect,
      ),
    )
    .addOption(new Option('--metadata-json <file>', 'metadata keys from a JSON file'))
    .addOption(new Option('--workers <n>', 'encoder threads (default: automatic)'))
    .addOption(new Option('--append', 'add the series to an existing OUTPUT'))
    .addOption(new Option('--overwrite', 'replace an existing OUTPUT'))
    .addOption(new Option('--memory <size>', 'memory budget for bands and encoding (default: 512MiB)'))
    .addOption(new Option('-q, --quiet', 'no progress, no summary'))
    .addOption(new Option('--json', 'print a JSON summary on stdout (no progress)'))
    .action(async (paths: string[], raw: RawConvertOptions) => {
      const options = parseConvertOptions(paths, raw);
      const summary = await runConvert(options);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      } else if (!options.quiet) {
        const series = summary.series
          .map((s) => {
            const levels = s.levels.length ? `, ${s.levels.length} levels` : '';
            return `  [${s.shape.join(', ')}]${s.axes ? ` ${s.axes}` : ''} ${s.dtype}${levels}`;
          })
          .join('\n');
        process.stderr.write(
          `tiffkit: wrote ${summary.output} (${summary.kind}, ${formatBytes(summary.fileBytes)}) in ${summary.seconds.toFixed(1)} s, ${summary.mibPerSecond} MiB/s\n${series}\n`,
        );
      }
    });
}
