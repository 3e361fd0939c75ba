package org.intersession.gateway.proxy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UpstreamPoolTest {

    @Test
    void instancesAreTakenInTurnWithoutTrailingSlashes() {
        UpstreamPool pool = new UpstreamPool(Map.of(
                Upstream.ASSIGNMENT, List.of("http://a:1/", " http://b:2"),
                Upstream.PROGRESS, List.of("http://p:3"),
                Upstream.NOTIFICATION, List.of("http://n:4")));
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            picked.add(pool.next(Upstream.ASSIGNMENT));
        }
        assertEquals(List.of("http://a:1", "http://b:2", "http://a:1", "http://b:2"), picked);
        assertEquals(2, pool.size(Upstream.ASSIGNMENT));
        assertEquals("http://p:3", pool.next(Upstream.PROGRESS));
        assertEquals("http://p:3", pool.next(Upstream.PROGRESS));
    }

    @Test
    void anUpstreamWithoutAnyUrlIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new UpstreamPool(Map.of(
                Upstream.ASSIGNMENT, List.of(" "),
                Upstream.PROGRESS, List.of("http://p:3"),
                Upstream.NOTIFICATION, List.of("http://n:4"))));
    }
}
