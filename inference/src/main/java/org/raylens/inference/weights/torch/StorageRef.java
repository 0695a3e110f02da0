package org.raylens.inference.weights.torch;

import org.raylens.inference.weights.TensorDtype;

/**
 * One storage of a zip checkpoint ({@code <archive>/data/<key>}), as a persistent id names it: element type and
 * element count, already checked against the zip entry's real size. Many tensors may share one (views, tied
 * weights, EVA-X's RoPE buffers listed once per block); the unpickler hands out a single instance per key.
 */
record StorageRef(String key, TensorDtype dtype, long numel, String location, ZipDirectory.Entry entry) {
}
