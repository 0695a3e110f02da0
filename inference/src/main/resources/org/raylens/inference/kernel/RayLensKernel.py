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
  # out = x·Wᵀ + b with the weights of one slot. Results are written into out, a float32 tensor the caller made:
  # DJL runs methods in inference mode, and a tensor created here could not be updated in place afterwards.
  def linear(self: __torch__.RayLensKernel,
    x: Tensor,
    slot: int,
    out: Tensor) -> int:
    w = self.weights[slot]
    b = self.biases[slot]
    if self.bf16:
      _0 = torch.copy_(out, torch.linear(torch.to(x, 15), w))
      _1 = torch.add_(out, b)
    else:
      _2 = torch.copy_(out, torch.linear(x, w, b))
    return slot
  # Fused attention from a fused qkv projection (B, N, 3·D), rows q|k|v per DINOv2, into out (B, N, D).
  def attend(self: __torch__.RayLensKernel,
    qkv: Tensor,
    heads: int,
    scale: float,
    out: Tensor) -> int:
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
    _0 = torch.copy_(torch.view(out, [b, n, heads, torch.floordiv(d, heads)]), torch.transpose(o, 1, 2))
    return heads
  # Fused attention of separate (B, heads, N, head_dim) q, k, v (EVA-X applies RoPE before) into out, same shape.
  def attend_heads(self: __torch__.RayLensKernel,
    q: Tensor,
    k: Tensor,
    v: Tensor,
    scale: float,
    out: Tensor) -> int:
    if self.bf16:
      q = torch.to(q, 15)
      k = torch.to(k, 15)
      v = torch.to(v, 15)
    o = torch.scaled_dot_product_attention(q, k, v, None, 0., False, scale=scale)
    _0 = torch.copy_(out, o)
    return 0
