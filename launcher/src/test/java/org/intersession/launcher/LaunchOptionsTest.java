package org.intersession.launcher;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchOptionsTest {

    @Test
    void noArgumentsMeansUpInTheForeground() {
        LaunchOptions options = LaunchOptions.parse(List.of()).orElseThrow();
        assertEquals(LaunchOptions.Command.UP, options.command());
        assertFalse(options.background());
        assertFalse(options.demo());
    }

    @Test
    void upTakesDemoAndBackgroundInAnyOrderAndTheShortFlag() {
        LaunchOptions options = LaunchOptions.parse(List.of("up", "-d", "--demo")).orElseThrow();
        assertTrue(options.background());
        assertTrue(options.demo());
        assertTrue(LaunchOptions.parse(List.of("up", "--background")).orElseThrow().background());
    }

    @Test
    void theBackgroundChildRunsDetachedAndKeepsTheDemoFlag() {
        LaunchOptions options = LaunchOptions.parse(List.of("up", "--background", "--demo")).orElseThrow();
        assertEquals(List.of("up", "--detached", "--demo"), options.detachedChildArguments());
        LaunchOptions child = LaunchOptions.parse(options.detachedChildArguments()).orElseThrow();
        assertTrue(child.detached());
        assertTrue(child.demo());
        assertFalse(child.background());
    }

    @Test
    void downAndStatusTakeNoFlags() {
        assertEquals(LaunchOptions.Command.DOWN, LaunchOptions.parse(List.of("down")).orElseThrow().command());
        assertEquals(LaunchOptions.Command.STATUS, LaunchOptions.parse(List.of("status")).orElseThrow().command());
        assertTrue(LaunchOptions.parse(List.of("down", "--demo")).isEmpty());
    }

    @Test
    void unknownCommandsAndFlagsAreRefused() {
        assertTrue(LaunchOptions.parse(List.of("start")).isEmpty());
        assertTrue(LaunchOptions.parse(List.of("up", "--verbose")).isEmpty());
        assertTrue(LaunchOptions.parse(List.of("up", "--background", "--detached")).isEmpty());
    }
}
