package org.raylens.app.similar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BestKTest {
    @Test
    void keepsTheHighestScoresBestFirstAndTheFirstOfATie() {
        BestK best = new BestK(3);
        float[] scores = {0.1f, 0.9f, 0.5f, 0.9f, -1f, 0.7f, Float.NaN};
        for (int id = 0; id < scores.length; id++) {
            best.offer(id, scores[id]);
        }
        assertEquals(3, best.size());
        assertEquals(1, best.id(0), "the first of two 0.9s");
        assertEquals(3, best.id(1));
        assertEquals(5, best.id(2));
        assertEquals(0.7f, best.score(2));
    }

    @Test
    void fewerOffersThanSlotsKeepsThemAll() {
        BestK best = new BestK(5);
        best.offer(7, 0.2f);
        best.offer(8, 0.3f);
        assertEquals(2, best.size());
        assertEquals(8, best.id(0));
        assertEquals(7, best.id(1));
        assertEquals(0, new BestK(0).size());
    }
}
