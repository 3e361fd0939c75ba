package org.intersession.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the operating system and the services' logs say about each service process: when it started, when Quarkus
 * said it was listening, and its resident memory (VmRSS from /proc, Linux only).
 */
final class ServiceProcesses {

    private static final Pattern STARTED = Pattern.compile("started in (\\d+\\.\\d+)s");

    record Startup(double quarkusSeconds, Instant listeningAt) {
    }

    private final Map<String, Startup> startups = new ConcurrentHashMap<>();
    private volatile Function<String, Optional<ProcessHandle>> processes = module -> Optional.empty();

    /** Where to find each service's JVM, by module name, once the platform runs. */
    void lookUpProcessesWith(Function<String, Optional<ProcessHandle>> processes) {
        this.processes = processes;
    }

    /** Fed every line a part of the stack prints. */
    void onLine(String part, String line) {
        Matcher started = STARTED.matcher(line);
        if (started.find() && line.contains("Listening on")) {
            startups.putIfAbsent(part, new Startup(Double.parseDouble(started.group(1)), Instant.now()));
        }
    }

    /** Forgets a module's start, so that the next "Listening on" line of a restarted process counts. */
    void forget(String module) {
        startups.remove(module);
    }

    Optional<Startup> startup(String module) {
        return Optional.ofNullable(startups.get(module));
    }

    /** From the process's start (as the OS recorded it) to Quarkus's "Listening on" line. */
    Optional<Duration> startToListening(String module) {
        return process(module).flatMap(p -> p.info().startInstant())
                .flatMap(start -> startup(module).map(s -> Duration.between(start, s.listeningAt())));
    }

    Optional<Long> rssKiB(String module) {
        return process(module).flatMap(p -> {
            try {
                return Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status")).stream()
                        .filter(l -> l.startsWith("VmRSS:"))
                        .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                        .findFirst();
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    private Optional<ProcessHandle> process(String module) {
        return processes.apply(module);
    }
}
