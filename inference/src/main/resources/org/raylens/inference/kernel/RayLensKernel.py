# RayLens's TorchScript kernel: the source of the code/__torch__.py entry of the archive that
# org.raylens.inference.kernel.KernelArchive assembles at run time; the libtorch that loads it compiles it.
#
# It is serialized TorchScript, not Python: every call is spelled as torch.jit.save writes it (torch.<op>(...)),
# and dtypes are c10::ScalarType codes, because the importer has no torch.bfloat16 value: 6 = float32,
# 15 = bfloat16. Only float32 tensors go in and out (a bf16 tensor in DJL ends the JVM); bf16 lives inside.
#
# bf16 (an attribute of the pickled module, fixed when the archive is built): when true, held weights are bf16
# copies made once by hold(), and linear/attend multiply in bf16 (oneDNN accumulates in fp32); biases, the
# softmax inside scaled_dot_product_attention and every output stay float32.
class RayLensKernel(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  bf16 : bool
  weights : List[Tensor]
  biases : List[Tensor]
  def forward(self: __torch__.RayLensKernel,
    x: Tensor) -> Tensor:
    return x
  # Keeps a linear layer's weight (bf16 copy in bf16 mode) and float32 bias; returns its slot for linear().
  def hold(self: __torch__.RayLensKernel,
    weight: Tensor,
    bias: Tensor) -> int:
    w = weight
    if self.bf16:
      w = torch.contiguous(torch.to(weight, 15))
    _0 = torch.append(self.weights, w)
    _1 = torch.append(self.biases, bias)
    return torch.sub(torch.len(self.weights), 1)
  # y = x·Wᵀ + b with the weights of one slot.
  def linear(self: __torch__.RayLensKernel,
    x: Tensor,
    slot: int) -> Tensor:
    w = self.weights[slot]
    b = self.biases[slot]
    if self.bf16:
      y = torch.to(torch.linear(torch.to(x, 15), w), 6)
      return torch.add_(y, b)
    return torch.linear(x, w, b)
  # Fused attention from a fused qkv projection (B, N, 3·D), rows q|k|v per DINOv2: returns (B, N, D).
  def attend(self: __torch__.RayLensKernel,
    qkv: Tensor,
    heads: int,
    scale: float) -> Tensor:
    b = torch.size(qkv, 0)
    n = torch.size(qkv, 1)
    d = torch.floordiv(torch.size(qkv, 2), 3)
    parts = torch.permute(torch.view(qkv, [b, n, 3, heads, torch.floordiv(d, heads)]), [2, 0, 3, 1, 4])
    q = torch.select(parts, 0, 0)
    k = torch.select(parts, 0, 1)
    v = torch.select(parts, 0, 2)
    if self.bf16:
      q = torch.to(q, 15)
      k = torch.to(k, 15)
      v = torch.to(v, 15)
    o = torch.scaled_dot_product_attention(q, k, v, None, 0., False, scale=scale)
    return torch.to(torch.reshape(torch.transpose(o, 1, 2), [b, n, d]), 6)
  # Fused attention from separate (B, heads, N, head_dim) q, k, v (EVA-X applies RoPE before): (B, heads, N, hd).
  def attend_heads(self: __torch__.RayLensKernel,
    q: Tensor,
    k: Tensor,
    v: Tensor,
    scale: float) -> Tensor:
    if self.bf16:
      q = torch.to(q, 15)
      k = torch.to(k, 15)
      v = torch.to(v, 15)
    o = torch.scaled_dot_product_attention(q, k, v, None, 0., False, scale=scale)
    return torch.to(o, 6)
