package org.intersession.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/** Each part's output in its own file, {@code <directory>/<part>.log}, appended to across runs. */
public final class PartLogs implements BiConsumer<String, String>, AutoCloseable {

    private final Path directory;
    private final Map<String, PrintWriter> writers = new ConcurrentHashMap<>();

    public PartLogs(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    @Override
    public void accept(String part, String line) {
        writers.computeIfAbsent(part, this::open).println(line);
    }

    @Override
    public void close() {
        writers.values().forEach(PrintWriter::close);
    }

    private PrintWriter open(String part) {
        try {
            return new PrintWriter(Files.newBufferedWriter(directory.resolve(part + ".log"), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
