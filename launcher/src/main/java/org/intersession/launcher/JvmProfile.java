package org.intersession.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How each service's JVM runs. Both profiles use the serial collector and a small heap: a service is one JVM among
 * several on a small machine, and its live data is a few pooled connections and pages of at most 100 rows.
 */
public enum JvmProfile {

    /** The JVM's full tiered compilation (C1 then C2): what {@code ./intersession up} and the benchmark run. */
    STANDARD(List.of()),

    /**
     * C1 only: less compilation work while a short-lived test platform starts and runs, at the cost of peak speed
     * (C1 lacks, among others, the big-integer intrinsics that make RS256 verification cheap).
     */
    QUICK_START(List.of("-XX:TieredStopAtLevel=1"));

    /**
     * Heap ceiling per service. Measured after the benchmark's load, a service keeps 24 to 29 MB live after a full
     * collection; the rest of its memory is class metadata (about 80 MB), compiled code and symbols, which the heap
     * limit does not bound. The serial collector touches its whole heap over a long run, so this limit is most of
     * the difference between a service's idle and loaded memory.
     */
    static final String MAX_HEAP = "-Xmx96m";

    /**
     * Without it the JVM starts at a 64th of the machine's memory, capped at the maximum, and keeps that much; from a
     * small start the serial collector grows the heap only as far as the live data needs.
     */
    static final String INITIAL_HEAP = "-Xms32m";

    /**
     * Every 10 s the JVM hands back to the system what its own native allocations (compilers, class loading) freed.
     * Measured after the benchmark's load, that was 18 to 48 MB of resident memory per service, which the C library
     * otherwise keeps. The option exists from Java 17.0.9 and 21.0.1 (experimental there, a product option later).
     */
    static final List<String> TRIM_NATIVE_HEAP = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=10000");

    private final List<String> extraOptions;

    JvmProfile(List<String> extraOptions) {
        this.extraOptions = extraOptions;
    }

    /**
     * The options before {@code -jar}, for a JVM started in the jar's folder. The class-data archive the build makes
     * next to the jar ({@code quarkus.package.jar.appcds.enabled}) is used when present; the JVM ignores it if it
     * does not match this JVM.
     */
    List<String> options(Path quarkusRunJar) {
        List<String> options = new ArrayList<>(List.of(INITIAL_HEAP, MAX_HEAP, "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m",
                "-Xss512k", "-XX:+ExitOnOutOfMemoryError"));
        options.addAll(extraOptions);
        if (trimsNativeHeap(Runtime.version())) {
            options.addAll(TRIM_NATIVE_HEAP);
        }
        Path archive = quarkusRunJar.resolveSibling("app-cds.jsa");
        if (Files.isRegularFile(archive)) {
            options.add("-XX:SharedArchiveFile=" + archive.getFileName());
            options.add("-Xshare:auto");
        }
        return options;
    }

    /** Whether this Java (the one the services run on: the launcher's own) knows {@link #TRIM_NATIVE_HEAP}. */
    static boolean trimsNativeHeap(Runtime.Version java) {
        return java.feature() > 21 || java.feature() == 21 && java.update() >= 1 || java.feature() == 17 && java.update() >= 9;
    }
}
