#!/usr/bin/env python3
"""Writes the small PyTorch-format checkpoints that TorchCheckpointFixturesTest reads.

No torch is needed: a stand-in `torch` module provides the globals torch.save names (torch._utils._rebuild_tensor_v2,
torch.FloatStorage, ...) and a Pickler with torch's persistent_id writes storages as torch does, so data.pkl has the
same opcodes as a real torch 1.13 / 2.x checkpoint (protocol 2, OrderedDict with a _metadata BUILD, shared storages).
The zip is written like torch's: stored entries under one archive folder, data aligned to 64 bytes by an extra field.
Run from this folder: python3 make_fixtures.py. Output is deterministic; the .pt files are committed.
"""
import argparse
import collections
import io
import os
import pickle
import struct
import sys
import types
import zipfile

torch = types.ModuleType("torch")
utils = types.ModuleType("torch._utils")
sys.modules["torch"] = torch
sys.modules["torch._utils"] = utils


def _rebuild_tensor_v2(*args):
    raise AssertionError("never called")


_rebuild_tensor_v2.__module__ = "torch._utils"
utils._rebuild_tensor_v2 = _rebuild_tensor_v2

STORAGE_TYPES = {}
for cls_name, fmt in [("FloatStorage", "f"), ("HalfStorage", "e"), ("BFloat16Storage", None), ("LongStorage", "q"),
                      ("BoolStorage", "?"), ("ByteStorage", "B"), ("IntStorage", "i")]:
    cls = type(cls_name, (), {})
    cls.__module__ = "torch"
    setattr(torch, cls_name, cls)
    STORAGE_TYPES[cls_name] = (cls, fmt)


def bf16(values):
    return [struct.unpack("<I", struct.pack("<f", v))[0] >> 16 for v in values]  # exact for the values used


class Storage:
    def __init__(self, key, type_name, values):
        self.key, self.type_name, self.values = key, type_name, values

    def data(self, order):
        cls, fmt = STORAGE_TYPES[self.type_name]
        if fmt is None:
            return b"".join(struct.pack(order + "H", v) for v in bf16(self.values))
        return b"".join(struct.pack(order + fmt, v) for v in self.values)


class Tensor:
    def __init__(self, storage, offset, size, stride):
        self.storage, self.offset, self.size, self.stride = storage, offset, tuple(size), tuple(stride)

    def __reduce_ex__(self, protocol):
        return (_rebuild_tensor_v2, (self.storage, self.offset, self.size, self.stride, False,
                                     collections.OrderedDict()))


class TorchLikePickler(pickle.Pickler):
    def __init__(self, f, storages):
        super().__init__(f, protocol=2)
        self.storages = storages

    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            self.storages[obj.key] = obj
            cls, _ = STORAGE_TYPES[obj.type_name]
            return ("storage", cls, obj.key, "cpu", len(obj.values))
        return None


class Evil:
    """What a malicious checkpoint does: unpickling calls os.system (posix.system on Linux)."""

    def __reduce__(self):
        return (os.system, ("touch /tmp/raylens-torch-fixture-was-executed",))


def write_zip(path, archive, pickle_bytes, storages, order="<", byteorder="little"):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        def add(name, data):
            info = zipfile.ZipInfo(archive + "/" + name, date_time=(1980, 1, 1, 0, 0, 0))
            # torch pads each local header with an extra field so the data starts on a 64-byte boundary
            header_end = buf.tell() + 30 + len(info.filename)
            pad = (-(header_end + 4)) % 64
            info.extra = struct.pack("<HH", 0x4246, pad) + b"Z" * pad
            z.writestr(info, data)
        add("data.pkl", pickle_bytes)
        if byteorder is not None:
            add("byteorder", byteorder.encode())
        for key in sorted(storages):
            add("data/" + key, storages[key].data(order))
        add("version", b"3\n")
    with open(path, "wb") as f:
        f.write(buf.getvalue())


def save(path, obj, archive=None, order="<", byteorder="little"):
    out = io.BytesIO()
    storages = {}
    TorchLikePickler(out, storages).dump(obj)
    write_zip(path, archive or os.path.splitext(os.path.basename(path))[0], out.getvalue(), storages, order, byteorder)


def tiny_state_dict():
    w = Storage("0", "FloatStorage", [0.5 * i - 1.0 for i in range(12)])           # 12 floats
    h = Storage("1", "HalfStorage", [1.0, -2.5, 0.000061035156, 65504.0])          # exact halves
    b = Storage("2", "BFloat16Storage", [1.0, -3.0, 0.15625, 256.0])
    i = Storage("3", "LongStorage", [7, -1, 1 << 40, 0])
    m = Storage("4", "BoolStorage", [True, False, True])
    u = Storage("5", "ByteStorage", [0, 200, 255])
    sd = collections.OrderedDict()
    sd["w"] = Tensor(w, 0, (3, 4), (4, 1))               # contiguous
    sd["w_t"] = Tensor(w, 0, (4, 3), (1, 4))             # transpose: same storage, column-major view
    sd["w_row2"] = Tensor(w, 8, (4,), (1,))              # slice with an offset
    sd["w_col1_expanded"] = Tensor(w, 1, (2, 3), (0, 4))  # stride 0 (expand) and stride 4
    sd["half"] = Tensor(h, 0, (4,), (1,))
    sd["bf16"] = Tensor(b, 0, (2, 2), (2, 1))
    sd["idx"] = Tensor(i, 0, (4,), (1,))
    sd["mask"] = Tensor(m, 0, (3,), (1,))
    sd["bytes"] = Tensor(u, 0, (3,), (1,))
    sd["scalar"] = Tensor(i, 1, (), ())                  # 0-d tensor, like num_batches_tracked
    sd._metadata = collections.OrderedDict([("", {"version": 1}), ("blk", {"version": 1})])
    return sd


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    os.chdir(here)
    training = {
        "model": tiny_state_dict(),
        "optimizer": {"state": {0: {"step": 3, "exp_avg": [0.0]}},
                      "param_groups": [{"lr": 0.1, "betas": (0.9, 0.999), "params": [0], "foreach": None}]},
        "epoch": 5,
        "scaler": {"scale": 65536.0, "_growth_tracker": 0},
        "args": argparse.Namespace(model="eva02_tiny", lr=0.1, input_size=224),
    }
    save("tiny_training.pt", training)
    save("tiny_bigendian.pt", {"model": tiny_state_dict()}, order=">", byteorder="big")
    save("tiny_bare.pt", tiny_state_dict(), archive="archive", byteorder=None)
    save("posix_system.pt", Evil(), archive="archive")
    save("posix_system_in_args.pt", {"model": tiny_state_dict(), "args": Evil()}, archive="archive")
    save("namespace_in_weights.pt", {"model": {"w": tiny_state_dict()["w"], "cfg": argparse.Namespace(a=1)}})
    save("pickled_object.pt", argparse.Namespace(weights=tiny_state_dict()))


if __name__ == "__main__":
    main()
