package org.raylens.inference.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.FloatTensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NpyIoTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripsShapesAndValues() throws IOException {
        FloatTensor t = new FloatTensor(new float[]{1, -2.5f, Float.MIN_VALUE, 3e38f, 0, 7}, new long[]{2, 3});
        NpyWriter.write(tmp.resolve("a.npy"), t);
        assertEquals(t, NpyReader.read(tmp.resolve("a.npy")));
        FloatTensor v = new FloatTensor(new float[]{4}, new long[]{1});
        NpyWriter.write(tmp.resolve("v.npy"), v);
        assertEquals(v, NpyReader.read(tmp.resolve("v.npy")));
        byte[] bytes = Files.readAllBytes(tmp.resolve("a.npy"));
        assertEquals(0, (bytes.length - 6 * 4) % 64, "header padded to 64 bytes as numpy does");
    }

    @Test
    void refusesWhatItCannotRead() throws IOException {
        Files.write(tmp.resolve("x.npy"), new byte[]{1, 2, 3});
        assertThrows(NpyFormatException.class, () -> NpyReader.read(tmp.resolve("x.npy")));
        NpyWriter.write(tmp.resolve("t.npy"), new FloatTensor(new float[8], new long[]{8}));
        byte[] full = Files.readAllBytes(tmp.resolve("t.npy"));
        Files.write(tmp.resolve("cut.npy"), java.util.Arrays.copyOf(full, full.length - 4));
        assertThrows(NpyFormatException.class, () -> NpyReader.read(tmp.resolve("cut.npy")));
        String fortran = new String(full, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("'fortran_order': False", "'fortran_order': True ");
        Files.write(tmp.resolve("f.npy"), fortran.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThrows(NpyFormatException.class, () -> NpyReader.read(tmp.resolve("f.npy")));
    }

    @Test
    void aFolderOrAMissingFileIsNamedWithWhatWasExpected() throws IOException {
        Path folder = Files.createDirectory(tmp.resolve("inputs"));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpyReader.read(folder));
        assertEquals(folder + ": is a folder; expected a .npy file", e.getMessage());
        Path missing = tmp.resolve("absent.npy");
        e = assertThrows(NpyFormatException.class, () -> NpyReader.read(missing));
        assertEquals(missing + ": no such file; expected a .npy file", e.getMessage());
    }
}
