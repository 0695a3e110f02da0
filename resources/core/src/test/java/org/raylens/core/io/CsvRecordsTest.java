package org.raylens.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    private static List<CsvRecords.Record> parse(String s) {
        return CsvRecords.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void quotedFieldsDoubledQuotesAndLineBreaksInsideQuotes() {
        List<CsvRecords.Record> r = parse("a,\"b,c\",\"say \"\"hi\"\"\"\n\"two\nlines\",é\n");
        assertEquals(List.of("a", "b,c", "say \"hi\""), r.get(0).cells());
        assertEquals(List.of("two\nlines", "é"), r.get(1).cells());
        assertTrue(r.get(1).complete());
        assertEquals("a,\"b,c\",\"say \"\"hi\"\"\"\n".length(), r.get(0).end());
    }

    @Test
    void everyLineBreakStyleEndsARecordAndTheOffsetsFollowTheBytes() {
        List<CsvRecords.Record> r = parse("\uFEFFh1,h2\r\n1,2\r3,4\n");
        assertEquals(List.of("h1", "h2"), r.get(0).cells(), "the byte-order mark is not part of the first cell");
        assertEquals(List.of("1", "2"), r.get(1).cells());
        assertEquals(List.of("3", "4"), r.get(2).cells());
        assertEquals(3 + "h1,h2\r\n".length(), r.get(0).end());
    }

    @Test
    void aRecordCutShortOrInsideQuotesSaysSo() {
        List<CsvRecords.Record> cut = parse("p,0.1\nq,-0.249");
        assertFalse(cut.get(1).complete());
        assertFalse(cut.get(1).openQuote());
        assertEquals("p,0.1\n".length(), cut.get(0).end(), "where to truncate to keep the whole rows");
        List<CsvRecords.Record> open = parse("a,\"never closed\n");
        assertFalse(open.get(0).complete());
        assertTrue(open.get(0).openQuote());
        assertTrue(parse("x\n\ny\n").get(1).isBlank());
    }
}
