package org.intersession.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a phase's CPU went: the processor time each part of the stack used during it, read from /proc (Linux), divided
 * by the phase's requests. The parts are the service JVMs, the PostgreSQL server with all its backends, the Kafka
 * broker, the benchmark's own JVM (the load generator), and the rest of the machine (everything else that ran
 * meanwhile; near zero on a quiet machine). Times are in clock ticks of 1/100 s, the Linux USER_HZ.
 */
final class CpuAccount {

    static final String LOAD_GENERATOR = "load generator";
    static final String REST = "rest of machine";
    private static final double MILLIS_PER_TICK = 10.0;

    /** The CPU ticks used so far by each part, and by the whole machine. */
    record Sample(Map<String, Long> ticks, long machineBusy) {
    }

    /** A part of the stack, and whether the processor time of its child processes counts as its own. */
    record Part(String name, Supplier<Optional<ProcessHandle>> process, boolean withChildren) {
    }

    private final List<Part> parts;
    private final Path proc;

    CpuAccount(List<Part> parts) {
        this(parts, Path.of("/proc"));
    }

    CpuAccount(List<Part> parts, Path proc) {
        List<Part> all = new ArrayList<>(parts);
        all.add(new Part(LOAD_GENERATOR, () -> Optional.of(ProcessHandle.current()), false));
        this.parts = List.copyOf(all);
        this.proc = proc;
    }

    /** The table's header: the phase, its requests, each part, the rest of the machine and the total. */
    List<String> header() {
        List<String> header = new ArrayList<>(List.of("Phase", "Requests"));
        parts.forEach(part -> header.add(part.name()));
        header.add(REST);
        header.add("total");
        return header;
    }

    Sample sample() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (Part part : parts) {
            ticks.put(part.name(), part.process().get().map(p -> ticks(p, part.withChildren())).orElse(0L));
        }
        return new Sample(ticks, machineBusy());
    }

    /** One row: the milliseconds of CPU per request that each part spent between the two samples. */
    ReportWriter.Row row(String phase, long requests, Sample before, Sample after) {
        List<String> cells = new ArrayList<>(List.of(phase, String.valueOf(requests)));
        long counted = 0;
        for (Part part : parts) {
            long used = Math.max(0, after.ticks().getOrDefault(part.name(), 0L) - before.ticks().getOrDefault(part.name(), 0L));
            counted += used;
            cells.add(perRequest(used, requests));
        }
        long machine = Math.max(0, after.machineBusy() - before.machineBusy());
        cells.add(perRequest(Math.max(0, machine - counted), requests));
        cells.add(perRequest(Math.max(machine, counted), requests));
        return new ReportWriter.Row(cells);
    }

    private static String perRequest(long ticks, long requests) {
        return requests <= 0 ? "-" : ReportWriter.num(ticks * MILLIS_PER_TICK / requests);
    }

    /** user + system time of the process; with its children, also that of the live ones and of those it reaped. */
    private long ticks(ProcessHandle process, boolean withChildren) {
        long[] own = stat(process.pid());
        long total = own[0] + own[1];
        if (withChildren) {
            total += own[2] + own[3];
            total += process.children().mapToLong(child -> {
                long[] times = stat(child.pid());
                return times[0] + times[1];
            }).sum();
        }
        return total;
    }

    /** utime, stime, cutime and cstime from /proc/PID/stat; zeros for a process that has just gone. */
    long[] stat(long pid) {
        try {
            String line = Files.readString(proc.resolve(String.valueOf(pid)).resolve("stat"));
            // the command name in parentheses may hold spaces: the fields proper start after its closing parenthesis
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]), Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return new long[4];
        }
    }

    /** The machine's busy ticks so far: user, nice, system, irq, softirq and steal of the "cpu" line of /proc/stat. */
    long machineBusy() {
        try {
            String[] fields = Files.readAllLines(proc.resolve("stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
