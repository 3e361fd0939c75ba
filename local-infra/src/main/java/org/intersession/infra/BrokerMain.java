package org.intersession.infra;

import java.io.IOException;

/**
 * Runs {@code kafka.Kafka} in this JVM and exits as soon as stdin closes, that is, when the parent
 * process is gone. Without it a killed test JVM would leave an orphan broker holding its ports.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // keep reading until the parent closes the pipe
                }
            } catch (IOException ignored) {
                // treated as the parent being gone
            }
            System.exit(0);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
