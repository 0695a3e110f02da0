package org.raylens.inference.training;

import org.raylens.inference.adapter.AdapterTask;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Where labelled images come from: a CSV (binary label columns → multi-label, or one categorical column →
 * multi-class), a root with one folder per class (multi-class), or an image folder with a mask folder
 * (segmentation). Paths in a CSV are relative to the CSV's folder. Rows that cannot be used (a missing file, an empty
 * or uncertain label) are skipped and listed in the notes; nothing is guessed.
 */
public final class DatasetSources {
    private static final Set<String> POSITIVE = Set.of("1", "1.0", "true", "yes", "y", "positive", "pos");
    private static final Set<String> NEGATIVE = Set.of("0", "0.0", "false", "no", "n", "negative", "neg");

    private DatasetSources() {
    }

    /** Multi-label from binary columns (1/0, true/false, yes/no). */
    public static LabelledImages csvColumns(Path csv, String pathColumn, List<String> labelColumns,
                                            String patientColumn, String splitColumn) throws IOException {
        CsvTable t = CsvTable.read(csv);
        int pc = t.column(pathColumn, csv);
        int[] lc = new int[labelColumns.size()];
        for (int i = 0; i < lc.length; i++) {
            lc[i] = t.column(labelColumns.get(i), csv);
        }
        Integer patient = patientColumn == null ? null : t.column(patientColumn, csv);
        Integer split = splitColumn == null ? null : t.column(splitColumn, csv);
        List<LabelledImage> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int line = 1;
        rows:
        for (List<String> row : t.rows()) {
            line++;
            Path image = image(csv, row, pc, line, notes);
            if (image == null) {
                continue;
            }
            float[] target = new float[lc.length];
            for (int i = 0; i < lc.length; i++) {
                String v = cell(row, lc[i]).trim().toLowerCase(Locale.ROOT);
                if (POSITIVE.contains(v)) {
                    target[i] = 1;
                } else if (!NEGATIVE.contains(v)) {
                    notes.add("line " + line + ": " + labelColumns.get(i) + " = '" + cell(row, lc[i])
                            + "' is not 1/0; row skipped");
                    continue rows;
                }
            }
            out.add(new LabelledImage(image, group(row, patient), splitOf(row, split), target, null));
        }
        return new LabelledImages(AdapterTask.MULTILABEL, labelColumns, out, "csv " + csv.toAbsolutePath().normalize()
                + " path=" + pathColumn + " labels=" + labelColumns, Sha256.ofFile(csv), notes);
    }

    /**
     * Multi-class from one categorical column. {@code classes} restricts and orders the classes (rows with other
     * values are skipped); null takes every non-empty value, sorted.
     */
    public static LabelledImages csvCategory(Path csv, String pathColumn, String labelColumn, List<String> classes,
                                             String patientColumn, String splitColumn) throws IOException {
        CsvTable t = CsvTable.read(csv);
        int pc = t.column(pathColumn, csv);
        int lc = t.column(labelColumn, csv);
        Integer patient = patientColumn == null ? null : t.column(patientColumn, csv);
        Integer split = splitColumn == null ? null : t.column(splitColumn, csv);
        List<String> names = classes;
        if (names == null) {
            Set<String> values = new TreeSet<>();
            for (List<String> row : t.rows()) {
                String v = cell(row, lc).trim();
                if (!v.isEmpty()) {
                    values.add(v);
                }
            }
            names = List.copyOf(values);
        }
        if (names.size() < 2) {
            throw new IOException(csv + ": column '" + labelColumn + "' has " + names.size()
                    + " class(es) " + names + "; multi-class training needs at least two");
        }
        List<LabelledImage> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int line = 1;
        for (List<String> row : t.rows()) {
            line++;
            String v = cell(row, lc).trim();
            int k = names.indexOf(v);
            if (k < 0) {
                notes.add("line " + line + ": " + labelColumn + " = '" + v + "' is not one of " + names + "; row skipped");
                continue;
            }
            Path image = image(csv, row, pc, line, notes);
            if (image == null) {
                continue;
            }
            float[] target = new float[names.size()];
            target[k] = 1;
            out.add(new LabelledImage(image, group(row, patient), splitOf(row, split), target, null));
        }
        return new LabelledImages(AdapterTask.MULTICLASS, names, out, "csv " + csv.toAbsolutePath().normalize()
                + " path=" + pathColumn + " class-column=" + labelColumn, Sha256.ofFile(csv), notes);
    }

    /** One sub-folder per class (sorted by name); images found recursively inside each. */
    public static LabelledImages folders(Path root, Predicate<Path> isImage) throws IOException {
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(root)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        if (classDirs.size() < 2) {
            throw new IOException(root + ": needs at least two class folders, found " + classDirs.size());
        }
        List<String> labels = classDirs.stream().map(p -> p.getFileName().toString()).toList();
        List<LabelledImage> out = new ArrayList<>();
        StringBuilder listing = new StringBuilder();
        for (int k = 0; k < classDirs.size(); k++) {
            for (Path f : imagesIn(classDirs.get(k), isImage)) {
                float[] target = new float[labels.size()];
                target[k] = 1;
                out.add(new LabelledImage(f, null, null, target, null));
                listing.append(root.relativize(f)).append('\n');
            }
        }
        return new LabelledImages(AdapterTask.MULTICLASS, labels, out, "folders " + root.toAbsolutePath().normalize(),
                Sha256.ofString(listing.toString()), List.of());
    }

    /** Image + mask pairs matched by file stem (the mask may add "_mask" or "-mask"); non-zero mask pixels are in. */
    public static LabelledImages maskPairs(Path imageDir, Path maskDir, Predicate<Path> isImage) throws IOException {
        Map<String, Path> masks = new TreeMap<>();
        for (Path m : imagesIn(maskDir, isImage)) {
            String stem = stem(m);
            for (String suffix : List.of("_mask", "-mask")) {
                if (stem.endsWith(suffix)) {
                    stem = stem.substring(0, stem.length() - suffix.length());
                }
            }
            masks.put(stem, m);
        }
        List<LabelledImage> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        StringBuilder listing = new StringBuilder();
        for (Path f : imagesIn(imageDir, isImage)) {
            Path m = masks.get(stem(f));
            if (m == null) {
                notes.add(f.getFileName() + ": no mask in " + maskDir + "; skipped");
                continue;
            }
            out.add(new LabelledImage(f, null, null, new float[0], m));
            listing.append(imageDir.relativize(f)).append(" ").append(maskDir.relativize(m)).append('\n');
        }
        return new LabelledImages(AdapterTask.SEGMENTATION, List.of("mask"), out, "masks " + imageDir.toAbsolutePath()
                .normalize() + " + " + maskDir.toAbsolutePath().normalize(), Sha256.ofString(listing.toString()), notes);
    }

    private static List<Path> imagesIn(Path dir, Predicate<Path> isImage) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(isImage).sorted().toList();
        }
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static Path image(Path csv, List<String> row, int column, int line, List<String> notes) {
        String rel = cell(row, column).trim();
        if (rel.isEmpty()) {
            notes.add("line " + line + ": empty path; row skipped");
            return null;
        }
        Path base = csv.toAbsolutePath().getParent();
        Path p = base.resolve(rel).normalize();
        if (!Files.isRegularFile(p)) {
            notes.add("line " + line + ": " + rel + " not found; row skipped");
            return null;
        }
        return p;
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() ? row.get(i) : "";
    }

    private static String group(List<String> row, Integer column) {
        if (column == null) {
            return null;
        }
        String v = cell(row, column).trim();
        return v.isEmpty() ? null : v;
    }

    private static String splitOf(List<String> row, Integer column) {
        return column == null ? null : cell(row, column).trim().toLowerCase(Locale.ROOT);
    }
}
