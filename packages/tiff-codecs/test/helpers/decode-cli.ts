/** Independent decoders run as child processes: bytes in on stdin, decoded bytes out on stdout. */
import { spawnSync } from 'node:child_process';

function run(command: string, args: readonly string[], input: Uint8Array): Uint8Array {
  const result = spawnSync(command, args, { input, maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`${command} failed (${result.status}): ${result.stderr.toString()}`);
  return new Uint8Array(result.stdout);
}

/** Decompress one Zstandard frame with the zstd command. */
export const unzstd = (data: Uint8Array): Uint8Array => run('zstd', ['-d', '-c', '-q'], data);

/** Decompress an `.xz` stream with the xz command (which also verifies the check). */
export const unxz = (data: Uint8Array): Uint8Array => run('xz', ['-d', '-c', '-q', '--format=xz'], data);

/** Decompress an `.xz` stream with Python's lzma module, insisting on the xz container. */
export const pythonUnxz = (data: Uint8Array): Uint8Array =>
  run(
    '/usr/bin/python3',
    ['-c', 'import lzma,sys; sys.stdout.buffer.write(lzma.decompress(sys.stdin.buffer.read(), format=lzma.FORMAT_XZ))'],
    data,
  );
