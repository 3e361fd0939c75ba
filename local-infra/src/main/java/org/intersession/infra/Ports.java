package org.intersession.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

public final class Ports {

    /** The lowest port handed out; below it are the well-known and commonly configured ones. */
    static final int LOWEST = 10_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int ATTEMPTS = 200;

    private Ports() {
    }

    /**
     * A port that was free a moment ago, for tests and the local run on loopback. It is taken below the range the
     * system gives to outgoing connections (Linux's ip_local_port_range, 32768 and up by default): a port from that
     * range, released here and bound by a server a few seconds later, could meanwhile become the local end of some
     * client's connection (a connection pool, a Kafka client), and the server would fail to start.
     */
    public static int free() throws IOException {
        int ephemeralStart = ephemeralRangeStart(EPHEMERAL_RANGE);
        if (ephemeralStart - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = LOWEST + ThreadLocalRandom.current().nextInt(ephemeralStart - LOWEST);
                if (bindable(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /**
     * The first port of the system's range for outgoing connections; 0 when it cannot be read (not Linux). Read in
     * one buffered read: a sysctl file answers a read of a few bytes, and then nothing more.
     */
    static int ephemeralRangeStart(Path rangeFile) {
        try (BufferedReader reader = Files.newBufferedReader(rangeFile)) {
            String line = reader.readLine();
            return line == null ? 0 : Integer.parseInt(line.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
