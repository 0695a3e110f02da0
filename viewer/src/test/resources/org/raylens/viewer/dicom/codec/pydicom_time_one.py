"""Serves timings of pydicom (with GDCM from Debian) decoding one file, on request, so a benchmark can interleave
them with its own: each line read from stdin triggers dcmread + pixel_array and prints the elapsed milliseconds.
Usage: python3 pydicom_time_one.py FILE"""
import sys
import time

import pydicom

path = sys.argv[1]
print(f"pydicom {pydicom.__version__}", flush=True)
for _ in sys.stdin:
    t = time.perf_counter()
    ds = pydicom.dcmread(path)
    ds.pixel_array
    print(f"{(time.perf_counter() - t) * 1000:.3f}", flush=True)
