package org.raylens.app.spark;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.raylens.app.embed.EmbeddingPipeline;
import org.raylens.inference.encoder.Encoder;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.source.ImageSource;
import org.raylens.viewer.study.HeaderReader;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One task's work: embeds the images of a partition of source names with this executor's encoder
 * ({@link ExecutorModels}) through the same {@link EmbeddingPipeline} as {@code raylens embed} — prefetch overlap,
 * recipe, preprocessing — and yields one {@link EmbeddingRows#RESULT} row per image. A local file ({@code file:}) is
 * read in place; a file on another Hadoop file system is copied to a temporary folder first (the decoders read local
 * files), which is removed when the partition ends.
 */
final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final JobSpec spec;
    private final HadoopConf hadoop;

    EmbedPartition(JobSpec spec, HadoopConf hadoop) {
        this.spec = spec;
        this.hadoop = hadoop;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> names) throws IOException {
        Encoder encoder = ExecutorModels.get(spec);
        EmbeddingPipeline pipeline = EmbeddingPipeline.builder().setEncoder(encoder)
                .setReaders(EmbeddingPipeline.defaultReaders(spec::inputRecipe))
                .optInterpolation(spec.positionInterpolation()).optBatch(spec.batch()).build();
        FileSourceKind files = new FileSourceKind(new ImageOpener(), HeaderReader.DICOM);
        List<Row> out = new ArrayList<>();
        List<ImageSource> sources = new ArrayList<>();
        Map<ImageSource, String> nameOf = new IdentityHashMap<>();
        Path copies = null;
        try {
            while (names.hasNext()) {
                String name = names.next().getString(0);
                try {
                    URI uri = URI.create(name);
                    Path local;
                    if ("file".equals(uri.getScheme())) {
                        local = Path.of(uri);
                    } else {
                        if (copies == null) {
                            copies = Files.createTempDirectory("raylens-spark-inputs");
                        }
                        local = copy(name, copies.resolve(sources.size() + "").resolve(fileName(uri)));
                    }
                    ImageSource source = files.file(local);
                    sources.add(source);
                    nameOf.put(source, name);
                } catch (IOException | RuntimeException e) {
                    out.add(EmbeddingRows.failed(name, e));
                }
            }
            pipeline.run(sources, new EmbeddingPipeline.Sink() {
                @Override
                public void embedded(EmbeddingPipeline.Embedded result) {
                    out.add(EmbeddingRows.embedded(nameOf.get(result.source()), result, encoder, spec));
                }

                @Override
                public void failed(ImageSource source, Throwable error) {
                    out.add(EmbeddingRows.failed(nameOf.get(source), error));
                }
            }, () -> false);
        } finally {
            if (copies != null) {
                org.raylens.core.io.Folders.deleteTree(copies);
            }
        }
        return out.iterator();
    }

    private static String fileName(URI uri) {
        String path = uri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private Path copy(String name, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(name);
        FileSystem fs = src.getFileSystem(hadoop.get());
        fs.copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(target.toUri()), true);
        return target;
    }

}
