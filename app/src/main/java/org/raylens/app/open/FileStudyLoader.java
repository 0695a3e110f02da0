package org.raylens.app.open;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.source.ImageSource;
import org.raylens.viewer.source.ImageSourceException;
import org.raylens.core.progress.CancellationToken;
import org.raylens.viewer.study.DicomDirReader;
import org.raylens.viewer.study.FolderScanner;
import org.raylens.viewer.study.HeaderSink;
import org.raylens.core.progress.Progress;
import org.raylens.viewer.study.SkippedFile;
import org.raylens.viewer.study.StudyIndex;

/**
 * The adapter from the app's {@link StudyLoader} seam to the viewer's study index and image sources. Folders and
 * files are indexed by the viewer's parallel {@link FolderScanner} (its symbolic-link policy included), which reads
 * each header once; the headers it read are kept in the {@link ImageSource}s, so nothing reads them again to label
 * the tree or to show the tags. DICOM files are grouped by Patient, Study and Series UIDs; files that are not DICOM
 * (PNG, JPEG, TIFF) are grouped by the folder they lie in (study = the folder given, series = the sub-folder). A
 * DICOMDIR given directly is read as the index it is.
 *
 * <p>Hidden files and folders, DICOMDIR files inside folders and obvious non-images (text, JSON, archives) are not
 * looked at. Damaged DICOM files and links the listing refused are reported as problems with their reason.
 */
public final class FileStudyLoader implements StudyLoader {

    static final String SAMPLE_STUDY_LABEL = "Synthetic sample study";

    private static final Set<String> SKIPPED_EXTENSIONS = Set.of(
            "txt", "md", "json", "csv", "xml", "html", "htm", "pdf", "zip", "gz", "tar", "7z", "py", "log", "ini");

    private final FolderScanner scanner;
    private final DicomDirReader dicomDirs;
    private final FileSourceKind files;
    private final SampleStudySource sample;

    /**
     * @param scanner reads headers; the loader applies its own filter of hidden files and non-images to it
     * @param files   makes the image sources of the files found, keeping the headers the scan read
     */
    public FileStudyLoader(FolderScanner scanner, DicomDirReader dicomDirs, FileSourceKind files,
            SampleStudySource sample) {
        this.scanner = Objects.requireNonNull(scanner, "scanner")
                .filtered(dir -> !isHidden(dir), file -> !isHidden(file) && looksLikeImage(file));
        this.dicomDirs = Objects.requireNonNull(dicomDirs, "dicomDirs");
        this.files = Objects.requireNonNull(files, "files");
        this.sample = Objects.requireNonNull(sample, "sample");
    }

    @Override
    public LoadedStudy load(List<Path> inputs) throws StudyLoadException {
        if (inputs.isEmpty()) {
            return loadSample();
        }
        List<String> problems = new ArrayList<>();
        List<DerivedWithoutSource> withoutSource = new ArrayList<>();
        Map<Path, List<StudyInstance>> byInput = new LinkedHashMap<>();
        List<Path> singleFiles = new ArrayList<>();
        for (Path input : inputs) {
            Path absolute = input.toAbsolutePath().normalize();
            if (isDicomDir(absolute)) {
                byInput.put(absolute, fromDicomDir(absolute, problems, withoutSource));
            } else if (Files.isDirectory(absolute)) {
                byInput.put(absolute, scanFolder(absolute, problems, withoutSource));
            } else if (Files.isRegularFile(absolute)) {
                byInput.put(absolute, new ArrayList<>());
                singleFiles.add(absolute);
            } else {
                problems.add(input + ": no such file or folder");
            }
        }
        if (!singleFiles.isEmpty()) {
            // One parallel pass over every file chosen one by one; each is listed where it was given.
            Headers headers = new Headers();
            StudyIndex index = scanner.index(singleFiles, Progress.NONE, CancellationToken.NONE, headers);
            withoutSource.addAll(DicomLabels.withoutSource(index));
            for (StudyInstance i : DicomLabels.fromIndex(index, inst -> headers.source(inst.path()))) {
                byInput.get(i.source().localFile().orElseThrow()).add(i);
            }
            for (SkippedFile s : index.skipped()) {
                if (s.kind() == SkippedFile.Kind.NOT_DICOM) {
                    Path parent = s.path().getParent();
                    byInput.get(s.path()).add(new StudyInstance(files.notDicom(s.path()), Grouping.NONE,
                            new Grouping("folder\u0000" + parent, label(parent)), Grouping.NONE, label(s.path())));
                } else {
                    problems.add(s.path() + ": " + s.reason());
                }
            }
        }
        List<StudyInstance> instances = new ArrayList<>();
        byInput.values().forEach(instances::addAll);
        return DerivedWithoutSource.attachAcrossInputs(instances, false, problems, withoutSource);
    }

    static boolean isDicomDir(Path p) {
        return Files.isRegularFile(p) && p.getFileName() != null
                && p.getFileName().toString().equalsIgnoreCase("DICOMDIR");
    }

    @Override
    public DisplayableImage open(StudyInstance instance) throws StudyLoadException {
        try {
            return instance.source().open();
        } catch (ImageSourceException e) {
            throw new StudyLoadException(e.getMessage(), e);
        }
    }

    private LoadedStudy loadSample() throws StudyLoadException {
        List<Path> generated;
        try {
            generated = sample.ensureGenerated();
        } catch (Exception e) {
            throw new StudyLoadException("Could not prepare the synthetic sample study: " + e.getMessage(), e);
        }
        Headers headers = new Headers();
        List<Path> absolute = generated.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        StudyIndex index = scanner.index(absolute, Progress.NONE, CancellationToken.NONE, headers);
        List<StudyInstance> instances = new ArrayList<>(DicomLabels.fromIndex(index, i -> headers.source(i.path())));
        List<String> problems = new ArrayList<>();
        Grouping study = new Grouping("sample", SAMPLE_STUDY_LABEL);
        for (SkippedFile s : index.skipped()) {
            if (s.kind() == SkippedFile.Kind.NOT_DICOM) {
                instances.add(new StudyInstance(files.notDicom(s.path()), Grouping.NONE, study, Grouping.NONE,
                        label(s.path())));
            } else {
                problems.add(s.path() + ": " + s.reason());
            }
        }
        return new LoadedStudy(instances, true, problems);
    }

    private List<StudyInstance> scanFolder(Path root, List<String> problems,
            List<DerivedWithoutSource> withoutSource) {
        Headers headers = new Headers();
        StudyIndex index;
        try {
            index = scanner.scan(root, Progress.NONE, CancellationToken.NONE, headers);
        } catch (IOException e) {
            problems.add(root + ": cannot be listed (" + e.getMessage() + ")");
            return List.of();
        }
        List<StudyInstance> out = new ArrayList<>(DicomLabels.fromIndex(index, i -> headers.source(i.path())));
        withoutSource.addAll(DicomLabels.withoutSource(index));
        Grouping study = new Grouping("folder\u0000" + root, label(root));
        for (SkippedFile s : index.skipped()) {
            if (s.kind() == SkippedFile.Kind.NOT_DICOM) {
                // Not DICOM: a PNG, JPEG or TIFF the raster reader opens (or names as unreadable when opened).
                Path parent = root.relativize(s.path()).getParent();
                Grouping series = parent == null ? Grouping.NONE
                        : new Grouping("folder\u0000" + root.resolve(parent), parent.toString());
                out.add(new StudyInstance(files.notDicom(s.path()), Grouping.NONE, study, series, label(s.path())));
            } else {
                problems.add(s.path() + ": " + s.reason());
            }
        }
        return out;
    }

    private List<StudyInstance> fromDicomDir(Path dicomdir, List<String> problems,
            List<DerivedWithoutSource> withoutSource) throws StudyLoadException {
        Headers headers = new Headers();
        StudyIndex index;
        try {
            index = dicomDirs.read(dicomdir, Progress.NONE, CancellationToken.NONE, headers);
        } catch (DicomException e) {
            throw new StudyLoadException(e.getMessage(), e);
        }
        index.skipped().forEach(s -> problems.add(s.path() + ": " + s.reason()));
        withoutSource.addAll(DicomLabels.withoutSource(index));
        return DicomLabels.fromIndex(index, i -> headers.source(i.path()));
    }

    /** The headers one scan read, and the sources made from them. */
    private final class Headers implements HeaderSink {
        private final Map<Path, DicomFile> read = new HashMap<>();

        @Override
        public void accept(Path path, DicomFile header) {
            read.put(path, header);
        }

        ImageSource source(Path path) {
            DicomFile header = read.get(path);
            return header == null ? files.file(path) : files.scanned(path, header);
        }
    }

    static boolean looksLikeImage(Path file) {
        String name = file.getFileName().toString();
        if (name.equalsIgnoreCase("DICOMDIR")) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 || !SKIPPED_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean isHidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static String label(Path p) {
        if (p == null) {
            return "";
        }
        Path name = p.getFileName();
        return name == null ? p.toString() : name.toString();
    }
}
