package org.raylens.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.raylens.app.open.StudyLoader;
import org.raylens.app.open.ViewerWiring;
import org.raylens.app.task.BackgroundRunner;
import org.raylens.app.task.FxBackgroundRunner;
import org.raylens.app.ui.MainWindow;
import org.raylens.app.ui.MainWindowModel;

/**
 * The JavaFX application: composes the first window from its parts and opens what the command line names, or the
 * bundled synthetic sample study when it names nothing. Launched by {@link RayLensLauncher}; tests construct it with
 * a fake loader and a same-thread runner.
 */
public final class RayLensApp extends Application {

    public static final String TITLE = "RayLens";
    private static final double PREFERRED_WIDTH = 1280;
    private static final double PREFERRED_HEIGHT = 860;

    private final StudyLoader loader;
    private final BackgroundRunner runner;
    private final FxBackgroundRunner ownedRunner;
    private MainWindow window;

    /** Used by {@link Application#launch}: the real loader and a background thread for image loading. */
    public RayLensApp() {
        this.loader = ViewerWiring.studyLoader(AppDirectories.dataDir());
        // Two threads: listing a study and decoding the selected image can overlap; more would only compete for
        // the memory bandwidth that decoding a large radiograph needs.
        this.ownedRunner = new FxBackgroundRunner("loader", 2);
        this.runner = ownedRunner;
    }

    /** For tests and embedding: everything injected, nothing owned. */
    public RayLensApp(StudyLoader loader, BackgroundRunner runner) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.ownedRunner = null;
    }

    @Override
    public void start(Stage stage) {
        MainWindowModel model = new MainWindowModel(loader, runner);
        window = new MainWindow(model);
        stage.setTitle(TITLE);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        // Never larger than the screen: small laptop screens (and the headless test screen) must show it all.
        stage.setScene(new Scene(window.root(), Math.min(PREFERRED_WIDTH, screen.getWidth()),
                Math.min(PREFERRED_HEIGHT, screen.getHeight())));
        stage.show();
        window.viewport().requestFocus();
        model.open(inputs());
    }

    /** The window, once started; for tests. */
    public MainWindow window() {
        return window;
    }

    @Override
    public void stop() {
        if (ownedRunner != null) {
            ownedRunner.close();
        }
    }

    private List<Path> inputs() {
        Parameters parameters = getParameters();
        if (parameters == null) {
            return List.of();
        }
        return parameters.getRaw().stream().map(Path::of).toList();
    }
}
