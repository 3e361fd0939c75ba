package org.intersession.launcher;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusReportTest {

    private final StackState state = StackState.starting(4242, Instant.parse("2026-03-29T08:00:00Z"))
            .ready(15432, 19092, 2525, Map.of("gateway", "http://localhost:8080"), List.of());
    private final Instant now = Instant.parse("2026-03-29T08:03:07Z");

    @Test
    void everyPartUpIsHealthyAndShowsItsUrl() {
        List<HealthProbe.Check> checks = List.of(new HealthProbe.Check("postgresql", true, "accepts queries", "localhost:15432"),
                new HealthProbe.Check("gateway", true, "/q/health/ready 200", "http://localhost:8080"));
        String text = StatusReport.render(state, true, checks, now);
        assertTrue(StatusReport.healthy(true, checks));
        assertTrue(text.contains("up 3m07s"), text);
        assertTrue(text.contains("postgresql  UP    localhost:15432"), text);
        assertTrue(text.contains("http://localhost:8080/q/swagger-ui"), text);
        assertTrue(text.endsWith("All parts are healthy." + System.lineSeparator()), text);
    }

    @Test
    void onePartDownMakesTheStackUnhealthy() {
        List<HealthProbe.Check> checks = List.of(new HealthProbe.Check("kafka", false, "Connection refused", "localhost:19092"),
                new HealthProbe.Check("gateway", true, "/q/health/ready 200", "http://localhost:8080"));
        assertFalse(StatusReport.healthy(true, checks));
        String text = StatusReport.render(state, true, checks, now);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+kafka\\s+DOWN\\s+localhost:19092\\s+Connection refused")), text);
        assertTrue(text.contains("Some parts are not healthy."), text);
    }

    @Test
    void aGoneLauncherIsUnhealthyEvenWithoutChecks() {
        assertFalse(StatusReport.healthy(false, List.of()));
        assertTrue(StatusReport.render(state, false, List.of(), now).contains("launcher gone"));
    }
}
