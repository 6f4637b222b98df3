"""Write TIFF files with tifffile from a JSON spec (used to compare tiffkit's layout byte for byte).

spec: [{"file": path, "open": {...TiffWriter kwargs}, "writes": [{"shape": [...], "dtype": "<u2",
        "data": "ramp" | "empty", "kwargs": {...write kwargs}}]}]
"ramp" data is (arange(size) * 13) % 251, cast to the dtype: tiffkit's test writes the same values.
"""
import json
import sys

import numpy
import tifffile


def ramp(shape, dtype):
    size = int(numpy.prod(shape))
    return ((numpy.arange(size, dtype=numpy.int64) * 13) % 251).astype(dtype).reshape(shape)


def main(spec):
    for item in spec:
        with tifffile.TiffWriter(item['file'], **item.get('open', {})) as tif:
            for write in item['writes']:
                kwargs = dict(write.get('kwargs', {}))
                for key in ('resolution', 'extratags'):
                    if key in kwargs:
                        kwargs[key] = [tuple(v) if isinstance(v, list) else v for v in kwargs[key]]
                if write.get('data') == 'empty':
                    tif.write(None, shape=tuple(write['shape']), dtype=write['dtype'], **kwargs)
                else:
                    tif.write(ramp(write['shape'], write['dtype']), **kwargs)


if __name__ == '__main__':
    main(json.loads(sys.argv[1]))
