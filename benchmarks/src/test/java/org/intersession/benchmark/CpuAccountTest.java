package org.intersession.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CpuAccountTest {

    private static final List<CpuAccount.Part> PARTS = List.of(
            new CpuAccount.Part("gateway", Optional::empty, false),
            new CpuAccount.Part("postgresql", Optional::empty, true));

    @Test
    void eachPartsTicksBecomeMillisecondsPerRequestAndTheRestOfTheMachineIsWhatNoPartUsed() {
        CpuAccount account = new CpuAccount(PARTS);
        CpuAccount.Sample before = new CpuAccount.Sample(Map.of("gateway", 1_000L, "postgresql", 500L, CpuAccount.LOAD_GENERATOR, 0L), 10_000);
        // 200 requests: the gateway used 80 ticks (800 ms), PostgreSQL 40, the load generator 20, the machine 150 in all
        CpuAccount.Sample after = new CpuAccount.Sample(Map.of("gateway", 1_080L, "postgresql", 540L, CpuAccount.LOAD_GENERATOR, 20L), 10_150);

        assertEquals(List.of("Phase", "Requests", "gateway", "postgresql", CpuAccount.LOAD_GENERATOR, CpuAccount.REST, "total"), account.header());
        assertEquals(List.of("b. POST", "200", "4.0", "2.0", "1.0", "0.50", "7.5"), account.row("b. POST", 200, before, after).cells());
    }

    @Test
    void aPartThatRestartedDuringThePhaseCountsNothingRatherThanANegativeTime() {
        CpuAccount account = new CpuAccount(PARTS);
        CpuAccount.Sample before = new CpuAccount.Sample(Map.of("gateway", 5_000L, "postgresql", 0L, CpuAccount.LOAD_GENERATOR, 0L), 100);
        CpuAccount.Sample after = new CpuAccount.Sample(Map.of("gateway", 30L, "postgresql", 0L, CpuAccount.LOAD_GENERATOR, 0L), 130);

        assertEquals(List.of("e. restart", "10", "0.0", "0.0", "0.0", "30.0", "30.0"), account.row("e. restart", 10, before, after).cells());
    }

    @Test
    void procStatIsReadAfterTheCommandNameEvenWhenItHoldsSpacesAndParentheses(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("4242"));
        Files.writeString(proc.resolve("4242/stat"),
                "4242 (postgres: a (b) c) S 1 4242 4242 0 -1 4194560 900 0 0 0 731 212 55 13 20 0 1 0 100 0 0\n");
        Files.writeString(proc.resolve("stat"), "cpu  100 5 40 9000 30 2 3 1 0 0\ncpu0 50 2 20 4500 15 1 1 0 0 0\n");
        CpuAccount account = new CpuAccount(PARTS, proc);

        assertArrayEquals(new long[] {731, 212, 55, 13}, account.stat(4242));
        assertEquals(100 + 5 + 40 + 2 + 3 + 1, account.machineBusy());
        assertArrayEquals(new long[4], account.stat(4243), "a process that is gone counts as zero");
    }
}
