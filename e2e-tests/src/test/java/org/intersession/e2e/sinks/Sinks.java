package org.intersession.e2e.sinks;

import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outside world of a self-hosted platform under test (deploy/compose-test): an SMTP server that accepts every
 * message, and a clinic's webhook endpoint that answers 204 to every POST on /hooks. Each email is kept as an .eml
 * file under {@code mail/}, each delivery as a properties file (its Standard Webhooks headers and raw body, base64)
 * under {@code webhooks/}, named so that they sort in the order they arrived, for the homework-week driver to read.
 *
 * <p>It runs in a container of its own built from the JRE image, so it uses nothing but the JDK.
 */
public final class Sinks implements AutoCloseable {

    /** The largest email or webhook body kept; the platform's are a few kilobytes. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;
    private static final AtomicLong KEPT = new AtomicLong();

    private final Path mail;
    private final Path webhooks;
    private final ServerSocket smtp;
    private final HttpServer http;
    private final ExecutorService sessions = Executors.newFixedThreadPool(8);

    private Sinks(Path directory, int smtpPort, int httpPort) throws IOException {
        this.mail = Files.createDirectories(directory.resolve("mail"));
        this.webhooks = Files.createDirectories(directory.resolve("webhooks"));
        this.smtp = new ServerSocket(smtpPort);
        this.http = HttpServer.create(new InetSocketAddress(httpPort), 16);
    }

    /** {@code Sinks <directory> <smtp-port> <http-port>}: runs until the container stops. */
    public static void main(String[] args) throws IOException, InterruptedException {
        try (Sinks sinks = start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]))) {
            System.out.println("sinks: SMTP on " + sinks.smtpPort() + ", webhooks on " + sinks.httpPort() + "/hooks, kept in " + args[0]);
            new CountDownLatch(1).await();
        }
    }

    /** @param smtpPort 0 for a free one, as {@code httpPort} */
    public static Sinks start(Path directory, int smtpPort, int httpPort) throws IOException {
        Sinks sinks = new Sinks(directory, smtpPort, httpPort);
        sinks.http.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_MESSAGE_BYTES);
            if (exchange.getRequestMethod().equals("POST")) {
                var headers = exchange.getRequestHeaders();
                sinks.keepDelivery(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                        headers.getFirst("webhook-signature"), headers.getFirst("Content-Type"), body);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        sinks.http.start();
        Thread acceptor = new Thread(sinks::acceptSmtpSessions, "smtp-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return sinks;
    }

    public int smtpPort() {
        return smtp.getLocalPort();
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        smtp.close();
        sessions.shutdownNow();
    }

    private void acceptSmtpSessions() {
        try {
            while (true) {
                Socket client = smtp.accept();
                sessions.execute(() -> smtpSession(client));
            }
        } catch (IOException closed) {
            // the server socket was closed: no more sessions
        }
    }

    /** RFC 5321, as much as a sending client needs: no extensions, no authentication, every recipient accepted. */
    private void smtpSession(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
             PrintStream out = new PrintStream(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
            reply(out, "220 sinks ESMTP");
            List<String> recipients = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 sinks");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(line.substring(line.indexOf(':') + 1).trim());
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        keepMessage(recipients, readData(in));
                        reply(out, "250 OK: kept");
                    }
                    case "RSET", "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            System.err.println("sinks: SMTP session ended: " + e);
        }
    }

    /** The message up to the lone dot, with dot-stuffing undone (RFC 5321 4.5.2). */
    private static String readData(BufferedReader in) throws IOException {
        StringBuilder message = new StringBuilder();
        for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
            if (message.length() + line.length() > MAX_MESSAGE_BYTES) {
                throw new IOException("message larger than " + MAX_MESSAGE_BYTES + " bytes");
            }
            message.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return message.toString();
    }

    private static void reply(PrintStream out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    private void keepMessage(List<String> recipients, String message) throws IOException {
        // the envelope recipients first, as a header the driver can match without parsing MIME
        keep(mail, ".eml", ("X-Sinks-Recipients: " + String.join(", ", recipients) + "\r\n" + message).getBytes(StandardCharsets.UTF_8));
    }

    private void keepDelivery(String id, String timestamp, String signature, String contentType, byte[] body) throws IOException {
        Properties delivery = new Properties();
        delivery.setProperty("id", String.valueOf(id));
        delivery.setProperty("timestamp", String.valueOf(timestamp));
        delivery.setProperty("signature", String.valueOf(signature));
        delivery.setProperty("contentType", String.valueOf(contentType));
        delivery.setProperty("body", Base64.getEncoder().encodeToString(body));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            delivery.store(writer, null);
        }
        keep(webhooks, ".properties", bytes.toByteArray());
    }

    /**
     * Written under a temporary name and then moved, so that a reader never sees half a file. The name sorts in
     * arrival order: the time, then a count for files of the same millisecond (the count restarts with the
     * container, the time does not).
     */
    private static void keep(Path directory, String suffix, byte[] content) throws IOException {
        String name = String.format("%020d-%09d-%s%s", System.currentTimeMillis(), KEPT.incrementAndGet(), UUID.randomUUID(), suffix);
        Path partial = directory.resolve("." + name);
        try (OutputStream out = Files.newOutputStream(partial)) {
            out.write(content);
        }
        Files.move(partial, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
