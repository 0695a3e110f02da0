#!/usr/bin/env python3
"""Makes the tiny imported models the gradient tests use (run once; the tests need no Python).

tiny_cnn/    a CNN classifier as TorchScript and ONNX: conv-relu-conv-relu -> feature map (6, 8, 8) -> global
             average pooling -> linear -> 3 logits. Outputs (logits, feature_map). Its head (fc.weight, fc.bias) is
             also written as head_weight.npy / head_bias.npy so the tests can compute Grad-CAM's reference in plain
             Java: for GAP + linear, d logit_c / d A_k(i, j) = W[c, k] / (h w) exactly.
tiny_linear/ a linear model (TorchScript): a 4x4 stride-4 convolution without activation -> feature map (2, 2, 2)
             -> GAP -> linear -> 3 logits, so d logit_c / d x(i, j) = sum_k W[c, k] K_k(i mod 4, j mod 4) / 4 by hand;
             conv_weight.npy / head_weight.npy hold K and W.

Usage: /usr/bin/python3 make_tiny_cnn.py   (Debian python3-torch 1.13; writes next to this script)
"""
import json
import os

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))


class TinyCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(4, 6, 3, stride=2, padding=1)
        self.fc = nn.Linear(6, 3)

    def forward(self, x):
        a = torch.relu(self.conv2(torch.relu(self.conv1(x))))
        return self.fc(a.mean(dim=(2, 3))), a


class TinyLinear(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 4, stride=4, bias=False)
        self.fc = nn.Linear(2, 3)

    def forward(self, x):
        a = self.conv(x)
        return self.fc(a.mean(dim=(2, 3))), a


def manifest(name, description, size, files, channels, grid, labels):
    return {
        "format": "model-import/1",
        "name": name,
        "description": description + " (random seeded weights; NOT a trained model)",
        "files": files,
        "input": {"name": "input", "channels": 1, "height": size, "width": size, "dynamic_batch": False},
        "preprocess": {"mean": [0.5], "std": [0.25]},
        "outputs": [
            {"name": "logits", "index": 0, "kind": "logits", "shape": [1, 3], "activation": "softmax",
             "labels": labels},
            {"name": "feature_map", "index": 1, "kind": "feature-map", "shape": [1, channels, grid, grid]},
        ],
        "head": {"kind": "linear", "weight": "fc.weight", "bias": "fc.bias", "logits": "logits"},
        "raylens_synthetic": True,
    }


def save(folder, model, size, onnx):
    out = os.path.join(HERE, folder)
    os.makedirs(out, exist_ok=True)
    model.eval()
    x = torch.randn(1, 1, size, size)
    traced = torch.jit.trace(model, x)
    traced.save(os.path.join(out, "model.pt"))
    if onnx:
        torch.onnx.export(model, x, os.path.join(out, "model.onnx"), input_names=["input"],
                          output_names=["logits", "feature_map"], opset_version=14)
    np.save(os.path.join(out, "head_weight.npy"), model.fc.weight.detach().numpy().astype(np.float32))
    np.save(os.path.join(out, "head_bias.npy"), model.fc.bias.detach().numpy().astype(np.float32))
    return out


def main():
    torch.manual_seed(20261207)
    cnn = TinyCnn()
    out = save("tiny_cnn", cnn, 32, True)
    with open(os.path.join(out, "model.json"), "w") as f:
        json.dump(manifest("tiny_cnn", "tiny CNN classifier: two convolutions, GAP, linear", 32,
                           {"torchscript": "model.pt", "onnx": "model.onnx"}, 6, 8, ["left", "middle", "right"]),
                  f, indent=2)
    lin = TinyLinear()
    out = save("tiny_linear", lin, 8, False)
    np.save(os.path.join(out, "conv_weight.npy"), lin.conv.weight.detach().numpy().astype(np.float32))
    with open(os.path.join(out, "model.json"), "w") as f:
        json.dump(manifest("tiny_linear", "linear model: 4x4 stride-4 convolution, GAP, linear", 8,
                           {"torchscript": "model.pt"}, 2, 2, ["a", "b", "c"]), f, indent=2)


if __name__ == "__main__":
    main()
