package org.raylens.inference.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A method's own parameters as text, {@code name → value} (the command line's {@code --param window=28}): occlusion's
 * window and stride, RISE's mask count and seed, a CAM's {@code eigen_smooth}. Each explainer lists what it reads
 * ({@link Explainer#parameters()}) and reads the values with the typed getters, whose errors name the parameter and
 * the value, so a typo is a clear usage error and not a silent default.
 */
public record MethodParameters(Map<String, String> values) {
    /** No parameters: every method at its defaults. */
    public static final MethodParameters NONE = new MethodParameters(Map.of());

    public MethodParameters {
        values = Map.copyOf(new LinkedHashMap<>(values));
    }

    /** One parameter a method reads, for help texts: its name, default and meaning. */
    public record Spec(String name, String defaultValue, String description) {
        public String describe() {
            return name + "=" + defaultValue + " (" + description + ")";
        }
    }

    /** From {@code name=value} strings; a string without '=' is refused. */
    public static MethodParameters parse(List<String> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("a method parameter is name=value, got \"" + p + "\"");
            }
            m.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
        }
        return new MethodParameters(m);
    }

    public int intValue(String name, int defaultValue, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new IllegalArgumentException("parameter " + name + "=" + v + " must lie in [" + min + ", " + max + "]");
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + "=" + v + " is not a whole number", e);
        }
    }

    public long longValue(String name, long defaultValue) {
        String v = values.get(name);
        try {
            return v == null ? defaultValue : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + "=" + v + " is not a whole number", e);
        }
    }

    public double doubleValue(String name, double defaultValue, double min, double max) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + "=" + v + " is not a number", e);
        }
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException("parameter " + name + "=" + v + " must lie in [" + min + ", " + max + "]");
        }
        return d;
    }

    public boolean flag(String name, boolean defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("parameter " + name + "=" + v + " must be true or false");
        };
    }

    public String text(String name, String defaultValue, List<String> allowed) {
        String v = values.getOrDefault(name, defaultValue).toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("parameter " + name + "=" + v + " must be one of " + allowed);
        }
        return v;
    }

    /** The names given that {@code method} does not read: what a command line refuses as a typo. */
    public List<String> unknownTo(Explainer method) {
        List<String> known = method.parameters().stream().map(Spec::name).toList();
        return values.keySet().stream().filter(k -> !known.contains(k)).sorted().toList();
    }

    /** "a=1, b=2" in name order, for provenance; "" when none. */
    public String describe() {
        return String.join(", ", values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
}
