package org.intersession.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running stack left in {@code .intersession/stack.properties}, so that {@code status} and {@code down},
 * run from another shell, find it: the launcher's process, whether it is ready, where each part listens, and the
 * processes it started (to check that {@code down} left nothing behind).
 */
public record StackState(long launcherPid, Phase phase, Instant startedAt, int postgresPort, int kafkaPort, int smtpPort,
                         Map<String, String> serviceUrls, List<Long> childPids) {

    public enum Phase { STARTING, READY }

    public static final String FILE = "stack.properties";

    public StackState {
        serviceUrls = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(serviceUrls));
        childPids = List.copyOf(childPids);
    }

    public static StackState starting(long launcherPid, Instant startedAt) {
        return new StackState(launcherPid, Phase.STARTING, startedAt, 0, 0, 0, Map.of(), List.of());
    }

    public StackState ready(int postgresPort, int kafkaPort, int smtpPort, Map<String, String> serviceUrls, List<Long> childPids) {
        return new StackState(launcherPid, Phase.READY, startedAt, postgresPort, kafkaPort, smtpPort, serviceUrls, childPids);
    }

    public String serialize() {
        Properties p = new Properties();
        p.setProperty("launcher.pid", String.valueOf(launcherPid));
        p.setProperty("phase", phase.name());
        p.setProperty("started-at", startedAt.toString());
        p.setProperty("postgres.port", String.valueOf(postgresPort));
        p.setProperty("kafka.port", String.valueOf(kafkaPort));
        p.setProperty("smtp.port", String.valueOf(smtpPort));
        serviceUrls.forEach((module, url) -> p.setProperty("url." + module, url));
        p.setProperty("child.pids", String.join(",", childPids.stream().map(String::valueOf).toList()));
        StringWriter out = new StringWriter();
        try {
            p.store(out, "Intersession: the stack that ./intersession up started (removed when it stops)");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException when the text is not a state this launcher wrote */
    public static StackState parse(String text) {
        Properties p = new Properties();
        try (Reader reader = new StringReader(text)) {
            p.load(reader);
            Map<String, String> urls = new LinkedHashMap<>();
            for (ServiceSpec spec : ServiceSpec.values()) {
                String url = p.getProperty("url." + spec.module());
                if (url != null) {
                    urls.put(spec.module(), url);
                }
            }
            String pids = p.getProperty("child.pids", "");
            List<Long> children = new ArrayList<>();
            Arrays.stream(pids.split(",")).filter(s -> !s.isBlank()).forEach(s -> children.add(Long.parseLong(s.strip())));
            return new StackState(Long.parseLong(required(p, "launcher.pid")), Phase.valueOf(required(p, "phase")),
                    Instant.parse(required(p, "started-at")), Integer.parseInt(p.getProperty("postgres.port", "0")),
                    Integer.parseInt(p.getProperty("kafka.port", "0")), Integer.parseInt(p.getProperty("smtp.port", "0")),
                    urls, children);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a stack state file: " + e.getMessage(), e);
        }
    }

    public static Optional<StackState> read(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** Written to a temporary file and moved, so a reader never sees half a state. */
    public void write(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        Path tmp = dataDirectory.resolve(FILE + ".tmp");
        Files.writeString(tmp, serialize(), StandardCharsets.UTF_8);
        Files.move(tmp, dataDirectory.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static void remove(Path dataDirectory) throws IOException {
        Files.deleteIfExists(dataDirectory.resolve(FILE));
    }

    public String gatewayUrl() {
        return serviceUrls.get(ServiceSpec.GATEWAY.module());
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return value;
    }
}
