package org.raylens.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.raylens.app.open.Grouping;
import org.raylens.app.open.LoadedStudy;
import org.raylens.app.open.StudyInstance;
import org.raylens.app.open.StudyLoadException;
import org.raylens.app.open.StudyLoader;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.source.ImageSource;

/**
 * A {@link StudyLoader} without files: the "sample" is three instances a, b, c; any given paths list as themselves.
 * Files whose name contains "broken" fail to open. Each instance opens as a {@link FakeImage} whose values are
 * offset by its position, so tests can tell the images apart.
 */
public final class FakeStudyLoader implements StudyLoader {

    private static final FileSourceKind FILES = new FileSourceKind();

    public final List<List<Path>> loads = new ArrayList<>();

    @Override
    public LoadedStudy load(List<Path> inputs) throws StudyLoadException {
        loads.add(inputs);
        if (inputs.isEmpty()) {
            return new LoadedStudy(List.of(instance("sample/a.dcm", "PA"), instance("sample/b.dcm", "LAT"),
                    instance("sample/c.dcm", "PA MONOCHROME1")), true, List.of());
        }
        if (inputs.stream().anyMatch(p -> p.toString().contains("unlistable"))) {
            throw new StudyLoadException("unlistable: permission denied");
        }
        return new LoadedStudy(inputs.stream().map(p -> instance(p.toString(), p.toString())).toList(), false,
                List.of());
    }

    @Override
    public DisplayableImage open(StudyInstance instance) throws StudyLoadException {
        String name = instance.source().displayName();
        if (name.contains("broken")) {
            throw new StudyLoadException(instance.source().uri() + ": not a DICOM file");
        }
        return new FakeImage(300, 200, 1000 * (name.chars().sum() % 7));
    }

    /** An instance of the file at {@code path} (which need not exist: nothing reads it), in one study and series. */
    public static StudyInstance instance(String path, String label) {
        return new StudyInstance(source(path), Grouping.NONE, Grouping.of("Study"), Grouping.of("Series 1"), label);
    }

    /** The file source of {@code path}; its header is read only if a test asks for it. */
    public static ImageSource source(String path) {
        return FILES.file(Path.of(path));
    }
}
