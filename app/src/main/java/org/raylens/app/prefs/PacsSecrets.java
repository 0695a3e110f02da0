package org.raylens.app.prefs;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.raylens.core.io.AtomicFiles;

/**
 * The PACS servers' passwords and bearer tokens, by server name, kept out of {@code preferences.json} (which people
 * copy, attach to bug reports and back up): in {@code private/pacs-secrets.json} under the config folder, in a folder
 * only its owner may enter (mode 0700 where the file system has POSIX permissions). They are stored as plain text
 * there, as an SSH client keeps its keys: RayLens has no OS keyring binding, and encrypting with a key kept beside
 * the file would protect nothing. Each change replaces the file atomically.
 */
public final class PacsSecrets {

    public static final String FOLDER = "private";
    public static final String FILE_NAME = "pacs-secrets.json";

    private final Path file;
    private final Gson gson = new Gson();

    public PacsSecrets(Path configDir) {
        this.file = configDir.resolve(FOLDER).resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The secret of server {@code name}, if one is stored. */
    public Optional<String> secret(String name) throws IOException {
        return Optional.ofNullable(read().get(name));
    }

    /** Stores (or, with a null or empty secret, forgets) the secret of server {@code name}. */
    public void put(String name, String secret) throws IOException {
        Map<String, String> all = read();
        if (secret == null || secret.isEmpty()) {
            if (all.remove(name) == null) {
                return;
            }
        } else {
            all.put(name, secret);
        }
        Path folder = file.getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder.getParent());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(folder); // Windows: the user's profile folder is private already
            }
        }
        AtomicFiles.writeString(file, gson.toJson(all));
    }

    private Map<String, String> read() throws IOException {
        try {
            Map<String, String> all = gson.fromJson(Files.readString(file, StandardCharsets.UTF_8),
                    new TypeToken<TreeMap<String, String>>() { }.getType());
            return all == null ? new TreeMap<>() : all;
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (JsonParseException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); re-enter the PACS passwords", e);
        }
    }
}
