#!/usr/bin/env node
import { TiffError } from '@tiffkit/tiff-core';
import { Command, CommanderError } from 'commander';
import { addConvertCommand } from './convert/command.js';
import { CliError, ExitCode } from './convert/errors.js';
import { runDemo } from './demo.js';
import { type InfoOptions, runInfo } from './info.js';
import { guardStdout } from './stdout.js';
import { cliVersion } from './version.js';

const USAGE = `usage:
  tiffkit demo [--overwrite] [out.tif]        write a demo 5-D stack (TZCYX uint16) and describe it
  tiffkit info [--json] [--summary] FILE      print the header, every IFD with its tags, and the series
  tiffkit convert INPUT... OUTPUT [options]   convert .npy, raw, Zarr or TIFF (tiffkit convert --help)
  tiffkit --version                           print the version
`;

function program(): Command {
  const root = new Command('tiffkit')
    .usage('<command> [options]')
    .version(cliVersion(), '-V, --version', 'print the version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // Commander's own errors are reported below, in tiffkit's one-line form.
      writeErr: () => undefined,
    });
  root
    .command('demo')
    .description('write a demo 5-D stack (TZCYX uint16) and describe it')
    .argument('[out]', 'the file to write', 'tiffkit-demo.tif')
    .option('--overwrite', 'replace OUT if it exists')
    .action(async (out: string, options: { overwrite?: boolean }) => runDemo(out, options));
  root
    .command('info')
    .description('print the header, every IFD with its tags, and the series')
    .argument('<file>')
    .option('--json', 'machine-readable output')
    .option('--summary', 'the header, counts and series only, not every IFD (for files with many IFDs)')
    .action(async (file: string, options: InfoOptions) => runInfo(file, options));
  addConvertCommand(root);
  for (const command of root.commands) command.exitOverride().configureOutput({ writeErr: () => undefined });
  return root;
}

async function main(args: string[]): Promise<number> {
  if (args.length === 0) {
    process.stderr.write(USAGE);
    return ExitCode.USAGE;
  }
  try {
    await program().parseAsync(args, { from: 'user' });
    return ExitCode.OK;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help and --version end here too, with exit code 0 and their text already printed.
    if (error.exitCode === 0) return ExitCode.OK;
    process.stderr.write(`tiffkit: ${error.message.replace(/^error: /, '')}\n${USAGE}`);
    return ExitCode.USAGE;
  }
}

guardStdout();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`tiffkit: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const message = error instanceof TiffError ? `${error.name} [${error.code}]: ${error.message}` : String(error);
    process.stderr.write(`tiffkit: ${message}\n`);
    process.exitCode = ExitCode.FAILED;
  },
);
