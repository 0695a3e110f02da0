package org.raylens.inference.family.evax;

import org.raylens.inference.model.ConfigJson;
import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.model.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Works out an EVA-X checkpoint's geometry. The shapes tell almost everything (width, depth, patch, trained size,
 * SwiGLU width, which block form); what they cannot tell comes from config.json when it names EVA-X, else from EVA-X's
 * own conventions, each written into the notes: heads = D / 64 (every EVA-X model), LayerNorm eps 1e-6, and RoPE's
 * pt_hw_seq_len — read back from the checkpoint's RoPE buffer when it has one, else 16 for the sub-LN base model and
 * 14 for Ti/S, as the factories hard-code it.
 */
final class EvaxGeometry {
    private static final int HEAD_DIM = 64;

    private EvaxGeometry() {
    }

    /** True when a config.json says it describes an EVA-X model (a models_eva factory name or model_type eva_x). */
    static boolean namesEvax(ConfigJson c) throws ModelLoadException {
        String type = c.string("model_type", "").toLowerCase(Locale.ROOT).replace("-", "_");
        String factory = c.string("factory", "");
        return type.equals("eva_x") || type.equals("evax") || factory.startsWith("eva02_");
    }

    static EvaxConfig resolve(Path folder, EvaxWeightsFile w, Map<String, EvaxWeightsFile.Entry> entries,
                              LoadOptions options, List<String> notes) throws IOException {
        long[] patchW = shape(w, entries, "patch_embed.proj.weight", 4);
        int d = (int) patchW[0];
        int channels = (int) patchW[1];
        int patch = (int) patchW[2];
        if (patchW[2] != patchW[3]) {
            throw new ModelLoadException(w.file(), "patch_embed.proj.weight " + Arrays.toString(patchW)
                    + " is not a square patch");
        }
        long[] pos = shape(w, entries, "pos_embed", 3);
        long n = pos[1] - 1;
        int grid = (int) Math.round(Math.sqrt(n));
        if ((long) grid * grid != n || grid < 1) {
            throw new ModelLoadException(w.file(), "pos_embed " + Arrays.toString(pos) + " is not CLS + a square grid");
        }
        int layers = 0;
        while (entries.containsKey("blocks." + layers + ".norm1.weight")) {
            layers++;
        }
        if (layers == 0) {
            throw new ModelLoadException(w.file(), "no blocks.0.norm1.weight: not an EVA-X checkpoint",
                    List.of("blocks.0.norm1.weight"), List.of(), List.of());
        }
        boolean subLn = entries.containsKey("blocks.0.attn.q_proj.weight");
        String ffnKey = subLn ? "blocks.0.mlp.w1.weight" : "blocks.0.mlp.w12.weight";
        long[] ffn = shape(w, entries, ffnKey, 2);
        int mlpHidden = (int) (subLn ? ffn[0] : ffn[0] / 2);
        int heads = d % HEAD_DIM == 0 ? d / HEAD_DIM : 1;
        double eps = EvaxConfig.EPS;
        Double ropeFromBuffer = ropePtFromBuffer(w, entries);
        double ropePt = ropeFromBuffer != null ? ropeFromBuffer : EvaxConfig.defaultRopePt(subLn);
        int imageSize = grid * patch;
        Path configJson = folder.resolve("config.json");
        boolean fromConfig = false;
        if (options.useConfigJson() && Files.isRegularFile(configJson)) {
            ConfigJson c = ConfigJson.read(configJson);
            if (namesEvax(c)) {
                fromConfig = true;
                agree(c, "embed_dim", d, w);
                agree(c, "depth", layers, w);
                agree(c, "patch_size", patch, w);
                agree(c, "mlp_hidden", mlpHidden, w);
                heads = c.integer("num_heads", heads, 1, d);
                eps = c.real("layer_norm_eps", eps, 1e-12, 1e-2);
                imageSize = c.integer("img_size", imageSize, patch, 8192);
                if (c.has("rope_pt_hw_seq_len")) {
                    double cfg = c.real("rope_pt_hw_seq_len", ropePt, 1e-3, 1e4);
                    if (ropeFromBuffer != null && Math.abs(cfg - ropeFromBuffer) > 1e-3) {
                        notes.add("config.json's rope_pt_hw_seq_len " + cfg + " differs from the checkpoint's RoPE"
                                + " buffer (" + ropeFromBuffer + "); config.json wins");
                    }
                    ropePt = cfg;
                }
                notes.add("architecture from config.json, checked against the tensor shapes");
            } else {
                notes.add("config.json does not name EVA-X (no model_type eva_x or eva02_ factory): ignored");
            }
        }
        if (options.heads() != null) {
            heads = options.heads();
        }
        if (!fromConfig) {
            notes.add("architecture inferred from tensor shapes: heads = D/64 = " + heads + ", LayerNorm eps 1e-6, "
                    + (ropeFromBuffer != null ? "RoPE pt " + ropePt + " read back from the checkpoint's RoPE buffer"
                    : "RoPE pt " + ropePt + " (EVA-X's " + (subLn ? "base" : "Ti/S") + " default)"));
        }
        try {
            return new EvaxConfig(d, layers, heads, patch, imageSize, channels, mlpHidden, subLn, ropePt, eps);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(w.file(), e.getMessage(), e);
        }
    }

    /** A config.json size that the tensors also tell must agree with them. */
    private static void agree(ConfigJson c, String key, int fromShapes, EvaxWeightsFile w) throws ModelLoadException {
        int v = c.integer(key, fromShapes, 1, 1 << 20);
        if (v != fromShapes) {
            throw new ModelLoadException(w.file(), "config.json says " + key + " " + v + " but the tensors say "
                    + fromShapes, List.of(), List.of(), List.of(key + ": config.json " + v + ", tensors " + fromShapes));
        }
    }

    private static long[] shape(EvaxWeightsFile w, Map<String, EvaxWeightsFile.Entry> entries, String key, int rank)
            throws ModelLoadException {
        EvaxWeightsFile.Entry e = entries.get(key);
        if (e == null) {
            throw new ModelLoadException(w.file(), "no " + key + ": not an EVA-X checkpoint", List.of(key), List.of(),
                    List.of());
        }
        if (e.shape().length != rank) {
            throw new ModelLoadException(w.file(), key + " has shape " + Arrays.toString(e.shape()) + ", expected rank "
                    + rank, List.of(), List.of(), List.of(key + " is " + Arrays.toString(e.shape())));
        }
        return e.shape();
    }

    /**
     * The pt_hw_seq_len a checkpoint's RoPE table was built with. Patch (1, 0) has the row angle t₁·f_k in columns
     * 2k, with t₁ = pt / grid: a slow frequency (f ≈ 0.1, below π for any t₁ < 31) gives t₁ roughly, which then
     * unwraps the angle at f₀ = 1 to full precision. Null when there is no usable table.
     */
    private static Double ropePtFromBuffer(EvaxWeightsFile w, Map<String, EvaxWeightsFile.Entry> entries)
            throws IOException {
        EvaxWeightsFile.Entry cos = entries.get("rope.freqs_cos");
        EvaxWeightsFile.Entry sin = entries.get("rope.freqs_sin");
        if (cos == null || sin == null || cos.shape().length != 2 || !Arrays.equals(cos.shape(), sin.shape())
                || !cos.dtype().isFloatingPoint()) {
            return null;
        }
        int rows = (int) cos.shape()[0];
        int cols = (int) cos.shape()[1];
        int grid = (int) Math.round(Math.sqrt(rows));
        int quarter = cols / 4;
        if (grid < 2 || grid * grid != rows || quarter < 1 || cols % 4 != 0) {
            return null;
        }
        float[] c = w.floats("rope.freqs_cos");
        float[] s = w.floats("rope.freqs_sin");
        int at = grid * cols; // patch (1, 0)
        int slow = quarter / 4;
        double fSlow = Math.pow(10000.0, -(double) slow / quarter);
        double rough = Math.atan2(s[at + 2 * slow], c[at + 2 * slow]) / fSlow;
        double fine = Math.atan2(s[at], c[at]);
        double t1 = fine + 2 * Math.PI * Math.rint((rough - fine) / (2 * Math.PI));
        double pt = t1 * grid;
        if (!(pt > 0)) {
            return null;
        }
        double rounded = Math.rint(pt);
        return Math.abs(pt - rounded) < 1e-3 ? rounded : Math.rint(pt * 1000) / 1000;
    }
}
