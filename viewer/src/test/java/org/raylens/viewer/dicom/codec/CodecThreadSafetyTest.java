package org.raylens.viewer.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The SPI promises stateless, thread-safe codecs: one instance per syntax decodes from many threads at once. */
class CodecThreadSafetyTest {

    @Test
    void oneCodecInstanceDecodesConcurrentlyWithIdenticalResults() throws Exception {
        assumeTrue(SharedData.conformance() != null, "../shared conformance data is not available");
        List<Map<String, String>> rows = CodecsOnRealFiles.rows().stream()
                .filter(r -> "Y".equals(r.get("pydicom_decoded")))
                .filter(r -> Long.parseLong(r.get("size")) < 400_000)
                .toList();
        List<int[]> expected = new ArrayList<>();
        for (Map<String, String> r : rows) {
            expected.add(CodecsOnRealFiles.decodeAll(r));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (Map<String, String> r : rows) {
                    results.add(pool.submit(() -> CodecsOnRealFiles.decodeAll(r)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(expected.get(i % rows.size()), results.get(i).get(),
                        rows.get(i % rows.size()).get("path"));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
