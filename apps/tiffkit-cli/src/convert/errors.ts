/**
 * Exit codes of `tiffkit` (documented in the README). Every failure is one line on stderr that names
 * the path or option at fault; the code tells scripts what kind of failure it was.
 */
export const ExitCode = {
  OK: 0,
  /**
   * Reading an input or writing the output failed (missing file, a directory, permission denied, not a
   * TIFF, damaged, unsupported data, disk full, …).
   */
  FAILED: 1,
  /** The command line is wrong: unknown option, bad value, missing argument. */
  USAGE: 2,
  /** OUTPUT exists and neither --overwrite nor --append was given (or, for `demo`, --overwrite). */
  EXISTS: 3,
  /** stdout was closed early (`tiffkit info f.tif | head -1`): 128 + SIGPIPE, as shells report. */
  BROKEN_PIPE: 141,
  /** Interrupted by SIGINT/SIGTERM: the partial output was removed (128 + SIGINT, as shells report). */
  INTERRUPTED: 130,
} as const;

/** A failure with the exit code it maps to; the message is printed as it is, after `tiffkit: `. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.FAILED,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A bad option value: exit code 2, and the message names the option. */
export function usageError(option: string, message: string): CliError {
  return new CliError(`${option}: ${message}`, ExitCode.USAGE);
}

/** The conversion was interrupted by a signal. */
export class InterruptedError extends CliError {
  constructor(signal: string) {
    super(`interrupted by ${signal}; the partial output was removed`, ExitCode.INTERRUPTED);
  }
}
