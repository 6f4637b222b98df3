#!/usr/bin/env node
import { TiffError } from '@tiffkit/tiff-core';
import { runDemo } from './demo.js';
import { runInfo } from './info.js';

const USAGE = `usage:
  tiffkit demo [out.tif]        write a demo 5-D stack (TZCYX uint16) and describe it
  tiffkit info [--json] FILE    print the header, every IFD with its tags, and the series
`;

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'demo':
      await runDemo(rest[0] ?? 'tiffkit-demo.tif');
      return 0;
    case 'info': {
      const json = rest.includes('--json');
      const files = rest.filter((a) => a !== '--json');
      if (files.length !== 1) break;
      await runInfo(files[0] as string, json);
      return 0;
    }
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return 0;
  }
  process.stderr.write(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof TiffError ? `${error.name} [${error.code}]: ${error.message}` : String(error);
    process.stderr.write(`tiffkit: ${message}\n`);
    process.exitCode = 1;
  },
);
