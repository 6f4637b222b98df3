"""Decode every page of the given TIFF files with tifffile; print one JSON record per page."""
import json
import sys
import warnings

import numpy
import tifffile

records = []
for path in sys.argv[1:]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('error')
            with tifffile.TiffFile(path) as tif:
                for index, page in enumerate(tif.pages):
                    array = page.asarray()
                    values = numpy.ascontiguousarray(array)
                    if values.dtype.kind == 'b':
                        values = values.astype('u1')
                    values = values.astype(values.dtype.newbyteorder('<'), copy=False)
                    records.append({
                        'path': path,
                        'page': index,
                        'shape': list(array.shape),
                        'dtype': str(array.dtype),
                        'hex': values.tobytes().hex(),
                    })
    except Exception as error:  # reported to the test, which fails with the message
        records.append({'path': path, 'page': -1, 'error': f'{type(error).__name__}: {error}'})
json.dump(records, sys.stdout)
