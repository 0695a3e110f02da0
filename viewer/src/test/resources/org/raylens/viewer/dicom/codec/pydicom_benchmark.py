"""Times pydicom (with whatever pixel handlers it has, e.g. GDCM from Debian) on the CodecBenchmark files:
dcmread + pixel_array per file, the work a user of pydicom would do, median and best of N runs.
Usage: python3 pydicom_benchmark.py DIR [RUNS]"""
import statistics
import sys
import time

import pydicom

FILES = [("Uncompressed", "native.dcm"), ("RLE Lossless", "rle.dcm"), ("JPEG Lossless SV1", "jpeg-ll.dcm"),
         ("JPEG-LS Lossless", "jls.dcm"), ("JPEG 2000 Lossless", "j2k.dcm")]


def first_handler(uid):
    for h in pydicom.config.pixel_data_handlers:
        if h.is_available() and h.supports_transfer_syntax(uid):
            return h.__name__.split(".")[-1]
    return "none"


def main():
    folder = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    print(f"pydicom {pydicom.__version__}")
    print(f"{'syntax':20s} {'handler':14s} {'median ms':>10s} {'best ms':>9s}")
    for name, f in FILES:
        times = []
        uid = None
        for r in range(runs + 2):
            t = time.perf_counter()
            ds = pydicom.dcmread(f"{folder}/{f}")
            ds.pixel_array
            elapsed = (time.perf_counter() - t) * 1000
            uid = ds.file_meta.TransferSyntaxUID
            if r >= 2:
                times.append(elapsed)
        print(f"{name:20s} {first_handler(uid):14s} {statistics.median(times):10.1f} {min(times):9.1f}")


if __name__ == "__main__":
    main()
