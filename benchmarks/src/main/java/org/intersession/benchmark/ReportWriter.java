package org.intersession.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a run's figures as Markdown between two markers in docs/benchmarks.md, so that the analysis written by hand
 * around them survives the next run. A file without the markers gets a title and the markers.
 */
public final class ReportWriter {

    static final String START = "<!-- benchmark-results:start -->";
    static final String END = "<!-- benchmark-results:end -->";

    /** A target of issue #9 and what this run measured against it; {@code met} is null for a figure without a target. */
    public record Check(String target, String measured, Boolean met) {
    }

    /** A row of any other table: first cell, then the rest. */
    public record Row(List<String> cells) {
        public static Row of(String... cells) {
            return new Row(List.of(cells));
        }
    }

    public record Report(String date, String machine, String command, String scale, List<Row> data, List<Measurement> measurements,
                         List<Check> checks, List<Row> services, List<String> cpuHeader, List<Row> cpu) {
    }

    private ReportWriter() {
    }

    public static String render(Report report) {
        StringBuilder md = new StringBuilder();
        md.append(START).append("\n");
        md.append("Run of ").append(report.date()).append(" (scale: ").append(report.scale()).append(")  \n");
        md.append("Machine: ").append(report.machine()).append("  \n");
        md.append("Command: `").append(report.command()).append("`\n\n");
        md.append("#### Data\n\n");
        table(md, List.of("What", "Rows", "How"), report.data());
        md.append("\n#### Latency and throughput\n\n");
        md.append("| Measurement | Model | Throughput (/s) | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | ok | errors |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : report.measurements()) {
            md.append("| ").append(m.name()).append(" | ").append(m.model()).append(" | ").append(num(m.throughput()))
                    .append(" | ").append(num(m.p50Millis())).append(" | ").append(num(m.p95Millis()))
                    .append(" | ").append(num(m.p99Millis())).append(" | ").append(num(m.maxMillis()))
                    .append(" | ").append(m.ok()).append(" | ").append(m.errors()).append(" |\n");
        }
        if (!report.cpu().isEmpty()) {
            md.append("\n#### CPU per request (ms), by process\n\n");
            md.append("Processor time each part used during the phase (from /proc), divided by the phase's requests.\n\n");
            table(md, report.cpuHeader(), report.cpu());
        }
        md.append("\n#### Services\n\n");
        table(md, List.of("Service", "Quarkus \"started in\", all together", "Process start to listening, all together",
                        "Process start to listening, restarted alone", "RSS idle (MB)", "RSS after load (MB)"),
                report.services());
        md.append("\n#### Targets\n\n");
        md.append("| Target | Measured | Met |\n|---|---|---|\n");
        for (Check check : report.checks()) {
            md.append("| ").append(check.target()).append(" | ").append(check.measured()).append(" | ")
                    .append(check.met() == null ? "-" : check.met() ? "yes" : "**no**").append(" |\n");
        }
        md.append(END).append("\n");
        return md.toString();
    }

    /** Replaces the previous results in {@code file}, keeping everything outside the markers. */
    public static void write(Path file, Report report) throws IOException {
        String results = render(report);
        String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        int start = existing.indexOf(START);
        int end = existing.indexOf(END);
        String updated;
        if (start >= 0 && end > start) {
            updated = existing.substring(0, start) + results + existing.substring(end + END.length()).replaceFirst("^\\n", "");
        } else if (existing.isEmpty()) {
            updated = "# Benchmarks\n\n" + results;
        } else {
            updated = existing + (existing.endsWith("\n") ? "\n" : "\n\n") + results;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }

    static String num(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, value >= 1 || value == 0 ? "%.1f" : "%.2f", value);
    }

    private static void table(StringBuilder md, List<String> header, List<Row> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        md.append("---|".repeat(header.size())).append("\n");
        for (Row row : rows) {
            md.append("| ").append(String.join(" | ", row.cells())).append(" |\n");
        }
    }
}
