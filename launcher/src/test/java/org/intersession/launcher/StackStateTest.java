package org.intersession.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackStateTest {

    private static StackState ready() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("gateway", "http://localhost:8080");
        urls.put("progress-service", "http://localhost:8082");
        return StackState.starting(4242, Instant.parse("2026-03-29T08:00:00Z"))
                .ready(15432, 19092, 2525, urls, List.of(100L, 101L, 102L));
    }

    @Test
    void aReadyStateSurvivesTheFileUnchanged(@TempDir Path data) throws IOException {
        StackState state = ready();
        state.write(data);
        StackState read = StackState.read(data).orElseThrow();
        assertEquals(state, read);
        assertEquals("http://localhost:8080", read.gatewayUrl());
        assertEquals(StackState.Phase.READY, read.phase());
    }

    @Test
    void aStartingStateHasNoPartsYet(@TempDir Path data) throws IOException {
        StackState.starting(7, Instant.parse("2026-03-29T08:00:00Z")).write(data);
        StackState read = StackState.read(data).orElseThrow();
        assertEquals(StackState.Phase.STARTING, read.phase());
        assertTrue(read.childPids().isEmpty());
        assertTrue(read.serviceUrls().isEmpty());
    }

    @Test
    void noFileMeansNothingRunsAndRemovingTwiceIsHarmless(@TempDir Path data) throws IOException {
        assertFalse(StackState.read(data).isPresent());
        ready().write(data);
        StackState.remove(data);
        StackState.remove(data);
        assertFalse(Files.exists(data.resolve(StackState.FILE)));
    }

    @Test
    void aFileWithoutTheLauncherPidIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StackState.parse("phase=READY\nstarted-at=2026-03-29T08:00:00Z\n"));
        assertThrows(IllegalArgumentException.class, () -> StackState.parse("launcher.pid=x\nphase=READY\nstarted-at=2026-03-29T08:00:00Z\n"));
    }
}
