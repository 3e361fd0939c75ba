package org.intersession.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real HTTP client reading a text/event-stream line by line on its own thread (the JDK's client, no SSE library). */
public final class SseClient implements AutoCloseable {

    /** One event as the SSE format defines it: the fields of the lines before a blank line. */
    public record Event(String id, String name, String data) {
    }

    private static final String END = "\u0000end";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final java.util.Set<String> ignoredFields = new java.util.LinkedHashSet<>();
    private boolean firstLine = true;
    private String lastEventId;
    private Long retryMillis;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient open(URI uri, String token, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // closed by the test or the server
        }
        lines.add(END);
    }

    /** The next comment line's text, skipping events, or null if none comes within the timeout. */
    public String nextComment(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String line;
        while ((line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null && !END.equals(line)) {
            if (line.startsWith(":")) {
                return line.substring(1).trim();
            }
        }
        return null;
    }

    /** Whether the server ends the stream within the timeout (whatever else it sends first). */
    public boolean ended(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String line;
        while ((line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            if (END.equals(line)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The next event, skipping comments, or null if none is complete within the timeout or the stream ended. Lines are
     * interpreted as a browser's EventSource does (WHATWG HTML, "Interpreting an event stream"): {@code data} lines
     * join with a line feed, the last event id carries over to later events, {@code retry} with digits only sets the
     * reconnection time, an event without data is not dispatched, and any other field is ignored (see
     * {@link #ignoredFields}).
     */
    public Event nextEvent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder data = null;
        String type = null;
        String line;
        while ((line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null && !END.equals(line)) {
            if (firstLine) {
                firstLine = false;
                line = line.startsWith("\uFEFF") ? line.substring(1) : line;
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(lastEventId, type == null ? "message" : type, data.toString());
                }
                type = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            value = value.startsWith(" ") ? value.substring(1) : value;
            switch (name) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "event" -> type = value;
                case "id" -> {
                    if (value.indexOf('\u0000') < 0) {
                        lastEventId = value;
                    }
                }
                case "retry" -> {
                    if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        retryMillis = Long.parseLong(value);
                    }
                }
                default -> ignoredFields.add(name);
            }
        }
        return null;
    }

    /** The reconnection time the server set with {@code retry:}, or null if it set none (so far). */
    public Long retryMillis() {
        return retryMillis;
    }

    /** Field names the stream sent that are no SSE field, which an EventSource ignores (so far). */
    public java.util.Set<String> ignoredFields() {
        return java.util.Set.copyOf(ignoredFields);
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
