package org.raylens.inference.encoder;

import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.model.ModelLoadException;
import org.raylens.inference.weights.WeightsIdentity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The one way to get an {@link Encoder}: the encoder families on the class path, and a builder in DJL
 * {@code Criteria} style that loads a folder with the family surest of it, or builds a named architecture with
 * random weights.
 *
 * <pre>{@code
 * Encoder e = Encoders.builder().folder(dir).target(ComputeTarget.cpu()).build();
 * Encoder demo = Encoders.builder().family("dinov2").architecture("rad-dino").randomWeights(7).build();
 * }</pre>
 */
public final class Encoders {
    private Encoders() {
    }

    /** Every family registered with {@link ServiceLoader}, in class-path order. */
    public static List<EncoderFamily> families() {
        List<EncoderFamily> all = new ArrayList<>();
        ServiceLoader.load(EncoderFamily.class, Encoders.class.getClassLoader()).forEach(all::add);
        return List.copyOf(all);
    }

    /** The family of that name. */
    public static Optional<EncoderFamily> family(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return families().stream().filter(f -> f.name().equals(n)).findFirst();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects what to load; {@link #build()} loads it. Not thread-safe. */
    public static final class Builder {
        private Path folder;
        private String family;
        private String architecture;
        private Long seed;
        private ComputeTarget target = ComputeTarget.cpu();
        private Precision precision;
        private LoadOptions options = LoadOptions.defaults();
        private WeightsIdentity identity;

        private Builder() {
        }

        /** The model folder (or weights file) to load. */
        public Builder folder(Path folder) {
            this.folder = folder;
            return this;
        }

        /** Loads with this family instead of the best-ranked one. */
        public Builder family(String name) {
            this.family = name;
            return this;
        }

        /** The device and precision (default: CPU, float32). */
        public Builder device(ComputeTarget target) {
            this.target = target;
            return this;
        }

        /**
         * The precision on the chosen device (overrides the device's). On the CPU: {@link Precision#FP32} (default,
         * exact) or {@link Precision#BF16}, the fast mode of DINOv2-family encoders (see {@link ComputeTarget}).
         */
        public Builder precision(Precision precision) {
            this.precision = precision;
            return this;
        }

        public Builder loadOptions(LoadOptions options) {
            this.options = options;
            return this;
        }

        /** How weights are hashed (a digest cache, or none: hash afresh); not given, the digest is not computed. */
        public Builder identity(WeightsIdentity identity) {
            this.identity = identity;
            return this;
        }

        /** The architecture a random-weights encoder has (a family's own name for it, e.g. "rad-dino"). */
        public Builder architecture(String architecture) {
            this.architecture = architecture;
            return this;
        }

        /** Builds seeded random weights instead of loading a folder (needs a family and an architecture). */
        public Builder randomWeights(long seed) {
            this.seed = seed;
            return this;
        }

        public Encoder build() throws IOException {
            // on the CPU the precision decides the message too (bf16 fast mode, or fp16's fallback to float32)
            ComputeTarget t = precision == null ? target
                    : target.isCpu() ? ComputeTarget.cpu(precision, org.raylens.inference.kernel.CpuFeatures.detect())
                    : new ComputeTarget(target.device(), precision, target.message());
            if (seed != null) {
                if (family == null || architecture == null) {
                    throw new IllegalStateException("random weights need a family and an architecture");
                }
                return named(family).randomWeights(architecture, seed, t);
            }
            if (folder == null) {
                throw new IllegalStateException(
                        "give a model folder, or random weights with a family and an architecture");
            }
            EncoderLoadSettings settings = new EncoderLoadSettings(t, options, identity);
            if (family != null) {
                return named(family).load(folder, settings);
            }
            return best(folder).load(folder, settings);
        }

        private static EncoderFamily named(String name) {
            return Encoders.family(name).orElseThrow(() -> new IllegalArgumentException(
                    "no encoder family named \"" + name + "\"; known: " + families().stream().map(EncoderFamily::name).toList()));
        }

        /** The family surest of the folder; the first registered wins a tie. */
        private static EncoderFamily best(Path folder) throws ModelLoadException {
            List<EncoderFamily> all = families();
            EncoderFamily best = null;
            int bestScore = EncoderFamily.Support.CANNOT;
            List<String> reasons = new ArrayList<>();
            for (EncoderFamily f : all) {
                EncoderFamily.Support s = f.supports(folder);
                reasons.add(f.name() + ": " + s.reason());
                if (s.score() > bestScore) {
                    best = f;
                    bestScore = s.score();
                }
            }
            if (best == null) {
                throw new ModelLoadException(folder, "no encoder family can load this "
                        + (java.nio.file.Files.isDirectory(folder) ? "folder" : "file") + " ("
                        + (reasons.isEmpty() ? "no families are installed" : String.join("; ", reasons)) + ")");
            }
            return best;
        }
    }
}
