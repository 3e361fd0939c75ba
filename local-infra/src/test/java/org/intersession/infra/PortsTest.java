package org.intersession.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortsTest {

    @Test
    void aFreePortLiesBelowTheRangeOutgoingConnectionsAreGivenAndCanBeBound() throws Exception {
        Path systemRange = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int ephemeralStart = Ports.ephemeralRangeStart(systemRange);
        if (Files.exists(systemRange)) {
            assertTrue(ephemeralStart >= 1024, "Linux's range starts at " + ephemeralStart);
        }
        for (int i = 0; i < 20; i++) {
            int port = Ports.free();
            if (ephemeralStart > Ports.LOWEST) {
                assertTrue(port >= Ports.LOWEST && port < ephemeralStart, port + " is outside [" + Ports.LOWEST + ", " + ephemeralStart + ")");
            }
            try (ServerSocket server = new ServerSocket()) {
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress(port));
                assertEquals(port, server.getLocalPort());
            }
        }
    }

    @Test
    void theRangeIsReadFromTheSystemsSettingAndIsZeroWithoutOne(@TempDir Path dir) throws Exception {
        Path range = dir.resolve("ip_local_port_range");
        Files.writeString(range, "40000\t60999\n");
        assertEquals(40000, Ports.ephemeralRangeStart(range));
        assertEquals(0, Ports.ephemeralRangeStart(dir.resolve("missing")));
    }
}
