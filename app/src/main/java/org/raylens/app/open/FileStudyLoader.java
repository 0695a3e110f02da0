package org.raylens.app.open;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.core.progress.CancellationToken;
import org.raylens.viewer.study.FolderListing;

/**
 * The adapter from the app's {@link StudyLoader} seam to the viewer's readers: it expands folders into their files
 * and labels each by where it lies (study = the folder given, series = the sub-folder, instance = the file name),
 * and decodes through an {@link ImageFileOpener}. The composition root hands it the viewer's image opener and the
 * sample study generator.
 *
 * <p>Listing itself reads no file contents; the {@link StudyLabeller} then reads headers (not pixels) to place DICOM
 * files in the Patient → Study → Series tree. A DICOMDIR given directly is read as the index it is. A file that is not an image is
 * reported when it is opened, with its name. DICOMDIR files and obvious non-images (text, JSON, archives) are
 * skipped; hidden files and folders are skipped; symbolic links follow the viewer's {@link FolderListing} policy.
 */
public final class FileStudyLoader implements StudyLoader {

    static final String SAMPLE_STUDY_LABEL = "Synthetic sample study";

    private static final Set<String> SKIPPED_EXTENSIONS = Set.of(
            "txt", "md", "json", "csv", "xml", "html", "htm", "pdf", "zip", "gz", "tar", "7z", "py", "log", "ini");

    private final ImageFileOpener opener;
    private final SampleStudySource sample;
    private final StudyLabeller labeller;

    public FileStudyLoader(ImageFileOpener opener, SampleStudySource sample) {
        this(opener, sample, StudyLabeller.NONE);
    }

    /** @param labeller gives listed files their Patient / Study / Series labels from their headers */
    public FileStudyLoader(ImageFileOpener opener, SampleStudySource sample, StudyLabeller labeller) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.sample = Objects.requireNonNull(sample, "sample");
        this.labeller = Objects.requireNonNull(labeller, "labeller");
    }

    @Override
    public LoadedStudy load(List<Path> inputs) throws StudyLoadException {
        if (inputs.isEmpty()) {
            return loadSample();
        }
        List<StudyInstance> instances = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path input : inputs) {
            Path absolute = input.toAbsolutePath().normalize();
            if (isDicomDir(absolute)) {
                instances.addAll(DicomStudyLabeller.fromDicomDir(absolute));
            } else if (Files.isDirectory(absolute)) {
                listFolder(absolute, instances, problems);
            } else if (Files.isRegularFile(absolute)) {
                instances.add(new StudyInstance(absolute, label(absolute.getParent()), "", label(absolute)));
            } else {
                problems.add(input + ": no such file or folder");
            }
        }
        return new LoadedStudy(labeller.label(instances), false, problems);
    }

    static boolean isDicomDir(Path p) {
        return Files.isRegularFile(p) && p.getFileName() != null
                && p.getFileName().toString().equalsIgnoreCase("DICOMDIR");
    }

    @Override
    public DisplayableImage open(StudyInstance instance) throws StudyLoadException {
        try {
            DisplayableImage image = opener.open(instance.path());
            if (image == null) {
                throw new StudyLoadException(instance.path() + ": the image reader returned nothing");
            }
            return image;
        } catch (StudyLoadException e) {
            throw e;
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String message = reason.contains(instance.path().toString()) ? reason : instance.path() + ": " + reason;
            throw new StudyLoadException(message, e);
        }
    }

    private LoadedStudy loadSample() throws StudyLoadException {
        List<Path> files;
        try {
            files = sample.ensureGenerated();
        } catch (Exception e) {
            throw new StudyLoadException("Could not prepare the synthetic sample study: " + e.getMessage(), e);
        }
        List<StudyInstance> instances = new ArrayList<>();
        for (Path file : files) {
            instances.add(new StudyInstance(file, SAMPLE_STUDY_LABEL, "", label(file)));
        }
        return new LoadedStudy(labeller.label(instances), true, List.of());
    }

    private static void listFolder(Path root, List<StudyInstance> out, List<String> problems) {
        List<Path> files = new ArrayList<>();
        try {
            // The viewer's one folder listing, so the window and `raylens index` share its symbolic-link policy.
            FolderListing.Result listing = FolderListing.list(root, dir -> !isHidden(dir),
                    file -> !isHidden(file) && looksLikeImage(file), CancellationToken.NONE);
            files.addAll(listing.files());
            listing.problems().forEach(p -> problems.add(p.path() + ": " + p.reason()));
        } catch (IOException e) {
            problems.add(root + ": cannot be listed (" + e.getMessage() + ")");
        }
        files.sort(Comparator.comparing(Path::toString));
        String study = label(root);
        for (Path file : files) {
            Path parent = root.relativize(file).getParent();
            out.add(new StudyInstance(file, study, parent == null ? "" : parent.toString(), label(file)));
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
