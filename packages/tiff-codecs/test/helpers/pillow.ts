/** Pillow (Debian's python3-pil) as an independent image decoder. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { TempDir } from './interop.js';

export interface PillowImage {
  readonly mode: string;
  readonly width: number;
  readonly height: number;
  /** Pixels as Pillow's `tobytes()` gives them (16-bit gray as little-endian uint16, whatever the mode). */
  readonly bytes: Uint8Array;
}

const SCRIPT = `
import base64, json, sys
from PIL import Image
out = []
for path in sys.argv[1:]:
    with Image.open(path) as im:
        im.load()
        if im.mode == 'I':  # 16-bit gray PNG opens as 32-bit 'I': narrow it back, little-endian
            data = b''.join(v.to_bytes(2, 'little') for v in im.getdata())
        elif im.mode.startswith('I;16'):
            data = im.tobytes('raw', 'I;16')
        else:
            data = im.tobytes()
        out.append({'mode': im.mode, 'width': im.width, 'height': im.height, 'bytes': base64.b64encode(data).decode()})
print(json.dumps(out))
`;

/** Decode each of `images` (encoded bytes) with Pillow, in one Python process. */
export function decodeWithPillow(
  images: readonly Uint8Array[],
  dir: TempDir,
  name: string,
  suffix: string,
): PillowImage[] {
  const paths = images.map((bytes, i) => {
    const path = dir.path(`${name}-${i}.${suffix}`);
    writeFileSync(path, bytes);
    return path;
  });
  const out = execFileSync('/usr/bin/python3', ['-c', SCRIPT, ...paths], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return (JSON.parse(out) as (Omit<PillowImage, 'bytes'> & { bytes: string })[]).map((image) => ({
    ...image,
    bytes: new Uint8Array(Buffer.from(image.bytes, 'base64')),
  }));
}
