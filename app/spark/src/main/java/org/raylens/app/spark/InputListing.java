package org.raylens.app.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.raylens.app.analysis.InputRecipe;
import org.raylens.app.embed.EmbedInputReader;
import org.raylens.app.embed.EmbeddingPipeline;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.source.SourceNames;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Turns the job's INPUT arguments into the sorted, de-duplicated source names of the images to embed, on the driver,
 * through Hadoop's file systems (local, HDFS, S3A, GCS, ABFS…): a folder (searched recursively), a glob
 * ({@code s3a://bucket/cxr/*}{@code /*.dcm}), a list file ({@code @list.txt}, or any {@code .txt}/{@code .lst}/{@code .list}
 * file: one path or glob a line, {@code #} comments) or one image. Only files the embed readers take are kept (the
 * same extensions as {@code raylens embed}, and DICOM files without one); names starting with '.' or '_' are skipped,
 * as Hadoop tools do. A local file is named by its {@code file:///} URI exactly as {@code raylens embed} names it, so
 * the two tables agree; any other file by its Hadoop path.
 */
final class InputListing {
    private final Configuration conf;
    private final List<EmbedInputReader> readers = EmbeddingPipeline.defaultReaders(() -> InputRecipe.DEFAULT);
    private final FileSourceKind files = new FileSourceKind();

    InputListing(Configuration conf) {
        this.conf = conf;
    }

    /** The source names of every image the inputs name. */
    List<String> list(List<String> inputs) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (String input : inputs) {
            if (input.startsWith("@")) {
                readList(new Path(input.substring(1)), names);
            } else {
                add(new Path(input), names, true);
            }
        }
        return new ArrayList<>(names);
    }

    private void add(Path p, TreeSet<String> names, boolean listFilesAllowed) throws IOException {
        FileSystem fs = p.getFileSystem(conf);
        FileStatus[] matches = fs.globStatus(p);
        if (matches == null || matches.length == 0) {
            throw new IOException(p + ": no such file, folder or matching files");
        }
        for (FileStatus s : matches) {
            if (s.isDirectory()) {
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(s.getPath(), true);
                while (it.hasNext()) {
                    addImage(it.next().getPath(), names);
                }
            } else if (listFilesAllowed && isListFile(s.getPath())) {
                readList(s.getPath(), names);
            } else {
                addImage(s.getPath(), names);
            }
        }
    }

    private void readList(Path list, TreeSet<String> names) throws IOException {
        FileSystem fs = list.getFileSystem(conf);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(list), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    add(new Path(t), names, false); // a list names images, not further lists
                }
            }
        }
    }

    private static boolean isListFile(Path p) {
        String n = p.getName().toLowerCase(Locale.ROOT);
        return n.endsWith(".txt") || n.endsWith(".lst") || n.endsWith(".list");
    }

    private void addImage(Path p, TreeSet<String> names) {
        String name = p.getName();
        if (name.startsWith(".") || name.startsWith("_")) {
            return;
        }
        // the readers decide by the file name only; a stand-in local path carries it
        var byName = files.file(java.nio.file.Path.of(name));
        if (readers.stream().noneMatch(r -> r.accepts(byName))) {
            return;
        }
        java.net.URI uri = p.toUri();
        if ("file".equals(uri.getScheme())) {
            names.add(SourceNames.of(java.nio.file.Path.of(uri)));
        } else {
            names.add(p.toString());
        }
    }
}
