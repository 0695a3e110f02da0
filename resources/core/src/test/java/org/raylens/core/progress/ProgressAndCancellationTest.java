package org.raylens.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class ProgressAndCancellationTest {

    @Test
    void aSourceStaysCancelledAndThrowsNamingWhere() {
        CancellationToken.Source source = CancellationToken.newSource();
        source.throwIfCancelled("before");
        source.cancel();
        assertTrue(source.isCancelled());
        CancellationException e = assertThrows(CancellationException.class, () -> source.throwIfCancelled("epoch 3"));
        assertEquals("cancelled epoch 3", e.getMessage());
        assertTrue(source.isCancelled(), "cancelling is permanent");
    }

    @Test
    void noneIsNeverCancelled() {
        assertFalse(CancellationToken.NONE.isCancelled());
        CancellationToken.NONE.throwIfCancelled("anywhere");
    }

    @Test
    void reportWithoutANoteGivesAnEmptyNote() {
        List<String> seen = new ArrayList<>();
        Progress p = (done, total, message) -> seen.add(done + "/" + total + "[" + message + "]");
        p.report(1, 4);
        p.report(2, 4, "b.dcm");
        assertEquals(List.of("1/4[]", "2/4[b.dcm]"), seen);
    }
}
