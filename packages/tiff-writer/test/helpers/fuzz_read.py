"""Read TIFF files with tifffile for the write fuzz: per file its series (shape, dtype, SHA-256 of the
values, SubIFD levels) and any error, as JSON. No tags: long runs write files of thousands of pages."""
import hashlib
import json
import sys
import warnings

import numpy
import tifffile


def digest(array):
    """SHA-256 of the values as C-order little-endian bytes (bool as one byte per value)."""
    array = numpy.ascontiguousarray(array)
    if array.dtype.kind == 'b':
        array = array.astype('u1')
    return hashlib.sha256(array.astype(array.dtype.newbyteorder('<'), copy=False).tobytes()).hexdigest()


def level(array):
    return {'shape': list(array.shape), 'dtype': array.dtype.name, 'sha256': digest(array)}


def report(path):
    result = {'path': path, 'series': []}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        try:
            with tifffile.TiffFile(path) as tif:
                for series in tif.series:
                    entry = level(series.asarray())
                    entry['levels'] = [level(lvl.asarray()) for lvl in series.levels[1:]]
                    result['series'].append(entry)
        except Exception as error:  # reported, not raised: the fuzz records it as a defect
            result = {'path': path, 'error': f'{type(error).__name__}: {error}', 'series': []}
    result['warnings'] = [str(w.message) for w in caught][:5]
    return result


if __name__ == '__main__':
    print(json.dumps([report(path) for path in sys.argv[1:]]))
