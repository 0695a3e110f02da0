package org.raylens.inference.family.dinov2;

import org.raylens.inference.model.WeightRef;

import org.raylens.inference.weights.TensorInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps stored tensor names of either naming onto the canonical DINOv2-native layout
 * ({@code cls_token, pos_embed, register_tokens, patch_embed.proj.*, blocks.N.{norm1, attn.qkv, attn.proj, ls1.gamma,
 * norm2, mlp.fc1|fc2|w12|w3, ls2.gamma}, norm.*}). Keys that map to nothing are reported as unexpected, never
 * silently dropped; {@code mask_token} is known but unused (it only matters for masked-image training).
 */
public final class Dinov2KeyMapping {
    private static final Pattern HF_LAYER = Pattern.compile("encoder\\.layer\\.(\\d+)\\.(.+)");
    /** DINOv2 also saves chunked blocks as blocks.CHUNK.N (global N); both forms map to blocks.N. */
    private static final Pattern NATIVE_BLOCK = Pattern.compile("blocks\\.(?:\\d+\\.)?(\\d+)\\.(.+)");
    private static final Map<String, String> HF_TOP = Map.of(
            "embeddings.cls_token", "cls_token",
            "embeddings.mask_token", "mask_token",
            "embeddings.position_embeddings", "pos_embed",
            "embeddings.register_tokens", "register_tokens",
            "embeddings.patch_embeddings.projection.weight", "patch_embed.proj.weight",
            "embeddings.patch_embeddings.projection.bias", "patch_embed.proj.bias",
            "layernorm.weight", "norm.weight",
            "layernorm.bias", "norm.bias");
    private static final Map<String, String> HF_BLOCK = Map.ofEntries(
            Map.entry("norm1.weight", "norm1.weight"), Map.entry("norm1.bias", "norm1.bias"),
            Map.entry("norm2.weight", "norm2.weight"), Map.entry("norm2.bias", "norm2.bias"),
            Map.entry("attention.output.dense.weight", "attn.proj.weight"),
            Map.entry("attention.output.dense.bias", "attn.proj.bias"),
            Map.entry("layer_scale1.lambda1", "ls1.gamma"), Map.entry("layer_scale2.lambda1", "ls2.gamma"),
            Map.entry("mlp.fc1.weight", "mlp.fc1.weight"), Map.entry("mlp.fc1.bias", "mlp.fc1.bias"),
            Map.entry("mlp.fc2.weight", "mlp.fc2.weight"), Map.entry("mlp.fc2.bias", "mlp.fc2.bias"),
            Map.entry("mlp.weights_in.weight", "mlp.w12.weight"), Map.entry("mlp.weights_in.bias", "mlp.w12.bias"),
            Map.entry("mlp.weights_out.weight", "mlp.w3.weight"), Map.entry("mlp.weights_out.bias", "mlp.w3.bias"));
    private static final Set<String> NATIVE_TOP = Set.of("cls_token", "mask_token", "pos_embed", "register_tokens",
            "patch_embed.proj.weight", "patch_embed.proj.bias", "norm.weight", "norm.bias");
    private static final Set<String> NATIVE_BLOCK_PARTS = Set.of("norm1.weight", "norm1.bias", "norm2.weight",
            "norm2.bias", "attn.qkv.weight", "attn.qkv.bias", "attn.proj.weight", "attn.proj.bias", "ls1.gamma",
            "ls2.gamma", "mlp.fc1.weight", "mlp.fc1.bias", "mlp.fc2.weight", "mlp.fc2.bias", "mlp.w12.weight",
            "mlp.w12.bias", "mlp.w3.weight", "mlp.w3.bias");

    /** Result: canonical parameters plus the stored keys no parameter claimed, and HF qkv parts that were incomplete. */
    public record Mapped(Map<String, WeightRef> params, List<String> unexpected, List<String> incomplete) {
    }

    private Dinov2KeyMapping() {
    }

    public static Mapped map(Map<String, TensorInfo> stored, WeightNaming naming) {
        return naming == WeightNaming.HF ? mapHf(stored) : mapNative(stored);
    }

    private static Mapped mapNative(Map<String, TensorInfo> stored) {
        Map<String, WeightRef> params = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        for (TensorInfo t : stored.values()) {
            String k = t.name();
            if (NATIVE_TOP.contains(k)) {
                params.put(k, WeightRef.single(k, t));
                continue;
            }
            Matcher m = NATIVE_BLOCK.matcher(k);
            if (m.matches() && NATIVE_BLOCK_PARTS.contains(m.group(2))) {
                String canonical = "blocks." + Integer.parseInt(m.group(1)) + "." + m.group(2);
                if (params.containsKey(canonical)) {
                    unexpected.add(k + " (duplicate of " + canonical + ")");
                } else {
                    params.put(canonical, WeightRef.single(canonical, t));
                }
            } else {
                unexpected.add(k);
            }
        }
        return new Mapped(params, unexpected, List.of());
    }

    private static Mapped mapHf(Map<String, TensorInfo> stored) {
        Map<String, WeightRef> params = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        Map<String, TensorInfo[]> qkvParts = new LinkedHashMap<>();
        for (TensorInfo t : stored.values()) {
            String k = stripHfPrefix(t.name());
            String top = HF_TOP.get(k);
            if (top != null) {
                params.put(top, WeightRef.single(top, t));
                continue;
            }
            Matcher m = HF_LAYER.matcher(k);
            if (!m.matches()) {
                unexpected.add(t.name());
                continue;
            }
            String prefix = "blocks." + Integer.parseInt(m.group(1)) + ".";
            String rest = m.group(2);
            String mapped = HF_BLOCK.get(rest);
            if (mapped != null) {
                params.put(prefix + mapped, WeightRef.single(prefix + mapped, t));
                continue;
            }
            Matcher a = Pattern.compile("attention\\.attention\\.(query|key|value)\\.(weight|bias)").matcher(rest);
            if (a.matches()) {
                int slot = switch (a.group(1)) {
                    case "query" -> 0;
                    case "key" -> 1;
                    default -> 2;
                };
                qkvParts.computeIfAbsent(prefix + "attn.qkv." + a.group(2), x -> new TensorInfo[3])[slot] = t;
            } else {
                unexpected.add(t.name());
            }
        }
        List<String> incomplete = new ArrayList<>();
        for (Map.Entry<String, TensorInfo[]> e : qkvParts.entrySet()) {
            TensorInfo[] p = e.getValue();
            if (p[0] == null || p[1] == null || p[2] == null) {
                for (int i = 0; i < 3; i++) {
                    if (p[i] == null) {
                        incomplete.add(e.getKey() + " (" + new String[]{"query", "key", "value"}[i] + " part)");
                    }
                }
                continue;
            }
            if (!sameTrailing(p)) {
                incomplete.add(e.getKey() + " (query/key/value shapes differ: " + p[0].shapeString() + ", "
                        + p[1].shapeString() + ", " + p[2].shapeString() + ")");
                continue;
            }
            params.put(e.getKey(), WeightRef.concat(e.getKey(), List.of(p)));
        }
        return new Mapped(params, unexpected, incomplete);
    }

    /** HF saves the backbone under its base_model_prefix when a head is attached ("dinov2." or "dinov2_with_registers."). */
    static String stripHfPrefix(String name) {
        for (String prefix : new String[]{"dinov2.", "dinov2_with_registers."}) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    private static boolean sameTrailing(TensorInfo[] p) {
        long[] a = p[0].shape();
        for (TensorInfo t : p) {
            long[] b = t.shape();
            if (b.length != a.length) {
                return false;
            }
            for (int i = 0; i < a.length; i++) {
                if (b[i] != a[i]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Layer indices present among canonical block keys. */
    public static Set<Integer> layerIndices(Set<String> canonicalKeys) {
        Set<Integer> out = new TreeSet<>();
        for (String k : canonicalKeys) {
            if (k.startsWith("blocks.")) {
                out.add(Integer.parseInt(k.substring(7, k.indexOf('.', 7))));
            }
        }
        return out;
    }
}
