package org.raylens.overlays.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The footer names the image by its source URI when given one, and says nothing of an image when not. */
class ProvenanceTest {

    private static final Provenance BASE = new Provenance("m", "ab", null, "attention", "layer 12", null, "minmax",
            "1.0", Instant.EPOCH, false);

    @Test
    void theImageLineCarriesTheUriAsGiven() {
        String uri = "file:///data/mf.dcm#frame=2";
        Provenance p = BASE.withImage(uri);
        assertEquals("Image: " + uri, p.lines().get(0));
        assertEquals(BASE.lines(), p.lines().subList(1, p.lines().size()), "the other lines unchanged");
        assertEquals(uri, p.image());
    }

    @Test
    void withoutAnImageThereIsNoImageLine() {
        assertTrue(BASE.lines().stream().noneMatch(l -> l.startsWith("Image:")), BASE.lines().toString());
        assertTrue(BASE.withImage(null).lines().stream().noneMatch(l -> l.startsWith("Image:")));
    }
}
