package org.raylens.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.raylens.viewer.study.SkippedFile;

/**
 * What {@code raylens index} says about the files it skipped. Files that are not DICOM at all (the PNGs and notes
 * that share a folder with a study) are expected and can be many, so they are counted by file type in one line;
 * the other skipped files (damaged DICOM, a DICOMDIR inside the folder, links that leave it) are listed one per line,
 * because each of them is something to look at; only the problems among them make the run "completed with failures".
 * {@code --verbose} lists every skipped file.
 */
final class SkippedFilesSummary {
    private final List<SkippedFile> notDicom = new ArrayList<>();
    private final List<SkippedFile> others = new ArrayList<>();

    SkippedFilesSummary(List<SkippedFile> skipped) {
        for (SkippedFile s : skipped) {
            (s.kind() == SkippedFile.Kind.NOT_DICOM ? notDicom : others).add(s);
        }
    }

    /** The skipped files that should have been indexed and could not be (damaged, unreadable, dangling links). */
    List<SkippedFile> problems() {
        return others.stream().filter(SkippedFile::isProblem).toList();
    }

    /** The lines to print: a count of the non-DICOM files by type, or every file when {@code verbose}. */
    List<String> lines(boolean verbose) {
        List<String> lines = new ArrayList<>();
        List<SkippedFile> listed = verbose ? concat(others, notDicom) : others;
        for (SkippedFile s : listed) {
            lines.add("Skipped " + s.path() + ": " + s.reason());
        }
        if (!verbose && !notDicom.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "Skipped %d file%s that %s not DICOM (%s); --verbose lists them",
                    notDicom.size(), notDicom.size() == 1 ? "" : "s", notDicom.size() == 1 ? "is" : "are",
                    byType()));
        }
        return lines;
    }

    /** "104 .png, 2 .txt", most frequent first. */
    private String byType() {
        Map<String, Long> counts = new TreeMap<>(notDicom.stream()
                .collect(Collectors.groupingBy(s -> extension(s.path().getFileName().toString()),
                        Collectors.counting())));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? "without extension" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static List<SkippedFile> concat(List<SkippedFile> a, List<SkippedFile> b) {
        List<SkippedFile> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
