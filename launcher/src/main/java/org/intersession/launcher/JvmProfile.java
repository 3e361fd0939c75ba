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
        List<String> options = new ArrayList<>(List.of(MAX_HEAP, "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=64m",
                "-Xss512k", "-XX:+ExitOnOutOfMemoryError"));
        options.addAll(extraOptions);
        Path archive = quarkusRunJar.resolveSibling("app-cds.jsa");
        if (Files.isRegularFile(archive)) {
            options.add("-XX:SharedArchiveFile=" + archive.getFileName());
            options.add("-Xshare:auto");
        }
        return options;
    }
}
