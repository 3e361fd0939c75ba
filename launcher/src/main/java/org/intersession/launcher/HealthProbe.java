package org.intersession.launcher;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Asks each part of a running stack whether it works, the way a client of that part would. */
final class HealthProbe {

    private static final int TIMEOUT_MILLIS = 3000;

    private HealthProbe() {
    }

    /** One line of {@code ./intersession status}. */
    record Check(String part, boolean healthy, String detail, String url) {
    }

    static List<Check> all(StackState state) {
        List<Check> checks = new ArrayList<>();
        checks.add(postgres(state.postgresPort()));
        checks.add(kafka(state.kafkaPort()));
        checks.add(smtp(state.smtpPort()));
        state.serviceUrls().forEach((module, url) -> checks.add(service(module, url)));
        return checks;
    }

    /** A real query, not just an open port. */
    static Check postgres(int port) {
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "3");
        props.setProperty("socketTimeout", "3");
        try (Connection connection = DriverManager.getConnection(url, props); Statement statement = connection.createStatement()) {
            statement.execute("select 1");
            return new Check("postgresql", true, "accepts queries", "localhost:" + port);
        } catch (SQLException e) {
            return new Check("postgresql", false, e.getMessage(), "localhost:" + port);
        }
    }

    /** Kafka's ApiVersions request (key 18, version 0): the broker answers with error code 0 when it serves requests. */
    static Check kafka(int port) {
        try (Socket socket = connect(port)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] clientId = "intersession-status".getBytes(StandardCharsets.UTF_8);
            out.writeInt(2 + 2 + 4 + 2 + clientId.length);
            out.writeShort(18);
            out.writeShort(0);
            out.writeInt(7);
            out.writeShort(clientId.length);
            out.write(clientId);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            int correlation = in.readInt();
            short error = in.readShort();
            boolean ok = size > 6 && correlation == 7 && error == 0;
            return new Check("kafka", ok, ok ? "answers API requests" : "error code " + error, "localhost:" + port);
        } catch (IOException e) {
            return new Check("kafka", false, String.valueOf(e.getMessage()), "localhost:" + port);
        }
    }

    /** An SMTP server greets with 220 (RFC 5321 §4.2). */
    static Check smtp(int port) {
        try (Socket socket = connect(port)) {
            InputStream in = socket.getInputStream();
            byte[] greeting = new byte[3];
            int read = in.readNBytes(greeting, 0, 3);
            String code = new String(greeting, 0, read, StandardCharsets.US_ASCII);
            socket.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            return new Check("smtp", code.equals("220"), "greets with " + code, "localhost:" + port);
        } catch (IOException e) {
            return new Check("smtp", false, String.valueOf(e.getMessage()), "localhost:" + port);
        }
    }

    static Check service(String module, String url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(TIMEOUT_MILLIS)).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                    .timeout(Duration.ofMillis(TIMEOUT_MILLIS)).build(), HttpResponse.BodyHandlers.ofString());
            boolean up = response.statusCode() == 200;
            return new Check(module, up, "/q/health/ready " + response.statusCode(), url);
        } catch (IOException e) {
            return new Check(module, false, "not answering: " + e.getClass().getSimpleName(), url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check(module, false, "interrupted", url);
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }
}
