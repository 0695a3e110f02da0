package org.raylens.inference.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Names for the outputs of a classification head that came with a model's weights. A checkpoint stores only the
 * (K, D) matrix, so the names come from, in order: a {@code labels.txt} beside the weights (one name a line), a
 * {@code labels} array or {@code id2label} object in the folder's config.json, the dataset the file name says it was
 * fine-tuned on (CXR14 for {@code *cxr14*}, CheXpert for {@code *chexpert*}) when K fits that dataset's list, and
 * otherwise "class 0".."class K-1". {@link #source()} says which, and why a list that did not fit was passed over.
 *
 * <p>The dataset orders are EVA-X's: CXR14's 14 findings in the order of the official split files (NIH's Data_Entry
 * order), and for CheXpert the 5 competition labels EVA-X fine-tunes and evaluates on ({@code nb_classes 5}, the
 * dataset's {@code train_cols}), or the 14 observations in the CSV's column order for a 14-row head.
 */
public record ClassifierLabels(List<String> labels, String source) {
    public static final String LABELS_FILE = "labels.txt";

    public static final List<String> CXR14 = List.of("Atelectasis", "Cardiomegaly", "Effusion", "Infiltration", "Mass",
            "Nodule", "Pneumonia", "Pneumothorax", "Consolidation", "Edema", "Emphysema", "Fibrosis",
            "Pleural_Thickening", "Hernia");
    public static final List<String> CHEXPERT_COMPETITION = List.of("Atelectasis", "Cardiomegaly", "Consolidation",
            "Edema", "Pleural Effusion");
    public static final List<String> CHEXPERT_OBSERVATIONS = List.of("No Finding", "Enlarged Cardiomediastinum",
            "Cardiomegaly", "Lung Opacity", "Lung Lesion", "Edema", "Consolidation", "Pneumonia", "Atelectasis",
            "Pneumothorax", "Pleural Effusion", "Pleural Other", "Fracture", "Support Devices");

    public ClassifierLabels {
        labels = List.copyOf(labels);
    }

    /**
     * The names for a {@code rows}-output head stored in {@code weightsFile}, whose model folder is {@code folder}.
     *
     * @throws ModelLoadException when a labels.txt or config.json label list is there but cannot be read
     */
    public static ClassifierLabels forHead(Path weightsFile, Path folder, int rows) throws ModelLoadException {
        List<String> passedOver = new ArrayList<>();
        Path file = folder.resolve(LABELS_FILE);
        if (Files.isRegularFile(file)) {
            List<String> l = readLabelsFile(file);
            if (l.size() == rows) {
                return new ClassifierLabels(l, LABELS_FILE);
            }
            passedOver.add(LABELS_FILE + " has " + l.size() + " names for " + rows + " outputs");
        }
        Optional<List<String>> fromConfig = fromConfig(folder.resolve("config.json"));
        if (fromConfig.isPresent()) {
            if (fromConfig.get().size() == rows) {
                return new ClassifierLabels(fromConfig.get(), "config.json");
            }
            passedOver.add("config.json names " + fromConfig.get().size() + " labels for " + rows + " outputs");
        }
        String name = weightsFile.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.contains("cxr14")) {
            if (rows == CXR14.size()) {
                return new ClassifierLabels(CXR14, "ChestX-ray14's 14 findings (the file name says cxr14)");
            }
            passedOver.add("the file name says cxr14, whose list has 14 labels");
        } else if (name.contains("chexpert")) {
            if (rows == CHEXPERT_COMPETITION.size()) {
                return new ClassifierLabels(CHEXPERT_COMPETITION,
                        "CheXpert's 5 competition labels (the file name says chexpert)");
            }
            if (rows == CHEXPERT_OBSERVATIONS.size()) {
                return new ClassifierLabels(CHEXPERT_OBSERVATIONS,
                        "CheXpert's 14 observations (the file name says chexpert)");
            }
            passedOver.add("the file name says chexpert, whose lists have 5 or 14 labels");
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            numbered.add("class " + i);
        }
        String why = passedOver.isEmpty() ? "" : " (" + String.join("; ", passedOver) + ")";
        return new ClassifierLabels(numbered, "no label names known for " + rows + " outputs" + why
                + ": give them in " + LABELS_FILE + " beside the weights");
    }

    /** One name a line; blank lines and lines starting with '#' are skipped. */
    public static List<String> readLabelsFile(Path file) throws ModelLoadException {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
            return out;
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot read the label names: " + e.getMessage(), e);
        }
    }

    /** config.json's {@code labels} array, else its {@code id2label} object (keys 0..K-1), when present. */
    private static Optional<List<String>> fromConfig(Path config) throws ModelLoadException {
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        ConfigJson c = ConfigJson.read(config);
        if (c.has("labels")) {
            JsonElement e = c.get("labels");
            if (!e.isJsonArray()) {
                throw new ModelLoadException(config, "\"labels\" must be an array of names");
            }
            List<String> out = new ArrayList<>();
            for (JsonElement x : e.getAsJsonArray()) {
                if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                    throw new ModelLoadException(config, "\"labels\" must be an array of names, found " + x);
                }
                out.add(x.getAsString());
            }
            return Optional.of(out);
        }
        if (c.has("id2label")) {
            JsonElement e = c.get("id2label");
            if (!e.isJsonObject()) {
                throw new ModelLoadException(config, "\"id2label\" must be an object {\"0\": name, ...}");
            }
            JsonObject o = e.getAsJsonObject();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < o.size(); i++) {
                JsonElement x = o.get(Integer.toString(i));
                if (x == null || !x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                    throw new ModelLoadException(config, "\"id2label\" needs a name for each of \"0\"..\""
                            + (o.size() - 1) + "\"; \"" + i + "\" is missing or not a string");
                }
                out.add(x.getAsString());
            }
            return Optional.of(out);
        }
        return Optional.empty();
    }
}
