package org.intersession.infra;

import java.io.IOException;
import java.net.ServerSocket;

public final class Ports {

    private Ports() {
    }

    /** A port that was free a moment ago; good enough for tests and the local run on loopback. */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
