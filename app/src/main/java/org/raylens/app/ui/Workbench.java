package org.raylens.app.ui;

import org.raylens.app.analysis.AnalysisModel;
import org.raylens.app.browser.StudyBrowserModel;
import org.raylens.app.browser.ThumbnailCache;
import org.raylens.app.export.ExportModel;
import org.raylens.app.layers.LayersModel;
import org.raylens.app.models.AdaptersModel;
import org.raylens.app.models.ModelsModel;
import org.raylens.app.prefs.Preferences;
import org.raylens.app.scores.ScoresModel;

/**
 * The window's view-models, composed once by the application (or a test) and handed to {@link MainWindow}, which
 * builds controls bound to them.
 *
 * @param savePreferences writes {@code preferences} (atomically); called after every remembered change
 */
public record Workbench(MainWindowModel main, StudyBrowserModel browser, ThumbnailCache thumbnails,
        AnalysisModel analysis, LayersModel layers, ScoresModel scores, ModelsModel models, AdaptersModel adapters, ExportModel export,
        Preferences preferences, Runnable savePreferences) {
}
