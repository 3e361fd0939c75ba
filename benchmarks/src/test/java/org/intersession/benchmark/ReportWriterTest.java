package org.intersession.benchmark;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {

    private static ReportWriter.Report report(String date) {
        Histogram micros = new Histogram(60_000_000L, 3);
        for (int i = 1; i <= 100; i++) {
            micros.recordValue(i * 1000L);
        }
        Measurement get = Measurement.of("a. GET", "closed x32", 10, 2, micros);
        return new ReportWriter.Report(date, "2 cores", "./intersession bench", "full",
                List.of(ReportWriter.Row.of("clients", "10000", "COPY")), List.of(get),
                List.of(new ReportWriter.Check("a. >= 2,000 rps", "10/s", false), new ReportWriter.Check("f. a of selects", "1.0%", null)),
                List.of(ReportWriter.Row.of("gateway", "1.00 s", "1.50 s", "1.20 s", "120", "180")),
                List.of("Phase", "Requests", "gateway", "total"), List.of(ReportWriter.Row.of("a. GET", "100", "0.80", "2.5")));
    }

    @Test
    void measurementsBecomeATableRowWithThroughputAndPercentiles() {
        String markdown = ReportWriter.render(report("2026-11-26"));
        assertTrue(markdown.contains("| a. GET | closed x32 | 10.0 | 50.0 | 95.0 | 99.0 | 100 | 100 | 2 |"), markdown);
        assertTrue(markdown.contains("| a. >= 2,000 rps | 10/s | **no** |"), markdown);
        assertTrue(markdown.contains("| f. a of selects | 1.0% | - |"), markdown);
        assertTrue(markdown.contains("Command: `./intersession bench`"), markdown);
        assertTrue(markdown.contains("| Phase | Requests | gateway | total |\n|---|---|---|---|\n| a. GET | 100 | 0.80 | 2.5 |"), markdown);
    }

    @Test
    void aNewRunReplacesOnlyTheResultsBetweenTheMarkers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, "# Benchmarks\n\nHow to read this.\n\n" + ReportWriter.START + "\nold figures\n" + ReportWriter.END
                + "\n\n## What limits it\n\nHand-written analysis.\n");
        ReportWriter.write(file, report("2026-11-27"));
        String updated = Files.readString(file);
        assertTrue(updated.startsWith("# Benchmarks\n\nHow to read this.\n\n" + ReportWriter.START), updated);
        assertTrue(updated.contains("Run of 2026-11-27"), updated);
        assertTrue(!updated.contains("old figures"), updated);
        assertTrue(updated.endsWith(ReportWriter.END + "\n\n## What limits it\n\nHand-written analysis.\n"), updated);
    }

    @Test
    void aMissingFileGetsATitleAndTheResults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("docs/benchmarks.md");
        ReportWriter.write(file, report("2026-11-27"));
        String written = Files.readString(file);
        assertEquals(0, written.indexOf("# Benchmarks\n\n" + ReportWriter.START));
        assertTrue(written.endsWith(ReportWriter.END + "\n"));
    }
}
