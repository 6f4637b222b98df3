"""Read TIFF files with tifffile and print a JSON report per file (used by tiffkit's interop tests)."""
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


def plain(value):
    if isinstance(value, numpy.generic):
        return value.item()
    if isinstance(value, bytes):
        return value.decode('latin-1')
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, numpy.ndarray):
        return value.tolist()
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return repr(value)


def first_values(array, n=8):
    flat = numpy.ascontiguousarray(array).ravel()[:n]
    if flat.dtype.kind == 'c':
        return [repr(complex(v)) for v in flat]
    return [v.item() if not isinstance(v.item(), float) or numpy.isfinite(v) else repr(v.item()) for v in flat]


def report(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        try:
            with tifffile.TiffFile(path) as tif:
                result = {
                    'path': path,
                    'byteorder': tif.byteorder,
                    'is_bigtiff': tif.is_bigtiff,
                    'is_shaped': bool(tif.is_shaped),
                    'is_imagej': bool(tif.is_imagej),
                    'is_ome': bool(tif.is_ome),
                    'pages': len(tif.pages),
                    'shaped_metadata': plain(tif.shaped_metadata),
                    'imagej_metadata': plain(tif.imagej_metadata),
                    'descriptions': [],
                    'tags': [],
                    'series': [],
                }
                for index in range(len(tif.pages)):
                    page = tif.pages._getitem(index, aspage=True)  # a full page, not a lightweight frame
                    tags = {tag.name: plain(tag.value) for tag in page.tags.values()}
                    result['tags'].append(tags)
                    if index == 0:
                        # every ImageDescription of the first page, in file order (a dict keeps one)
                        result['descriptions'] = [plain(t.value) for t in page.tags.values() if t.code == 270]
                for series in tif.series:
                    data = series.asarray()
                    levels = []
                    for level in series.levels[1:]:
                        ldata = level.asarray()
                        levels.append({'shape': list(ldata.shape), 'dtype': ldata.dtype.name, 'sha256': digest(ldata)})
                    result['series'].append(
                        {
                            'shape': list(series.shape),
                            'dtype': series.dtype.name,
                            'axes': series.axes,
                            'kind': series.kind,
                            'pages': len(series.pages),
                            'sha256': digest(data),
                            'first': first_values(data),
                            'levels': levels,
                        }
                    )
        except Exception as error:  # reported, not raised: the test asserts on it
            result = {'path': path, 'error': f'{type(error).__name__}: {error}', 'series': []}
    result['warnings'] = [str(w.message) for w in caught]
    return result


if __name__ == '__main__':
    print(json.dumps([report(path) for path in sys.argv[1:]]))
