import { ExitCode } from './convert/errors.js';
import { errnoWords } from './file-errors.js';

/**
 * End quietly when stdout goes away (`tiffkit info big.tif | head -1`): EPIPE exits with 141, as a
 * process killed by SIGPIPE would, so `set -o pipefail` still sees it; other write errors (a full disk
 * under a redirection) are one line on stderr and exit code 1. Node reports both as an 'error' event
 * on process.stdout, which would otherwise crash with a stack trace.
 */
export function guardStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(ExitCode.BROKEN_PIPE);
    try {
      process.stderr.write(`tiffkit: stdout: ${error.code ? errnoWords(error.code) : error.message}\n`);
    } finally {
      process.exit(ExitCode.FAILED);
    }
  });
}
