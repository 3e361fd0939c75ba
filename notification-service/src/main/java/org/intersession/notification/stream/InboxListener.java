package org.intersession.notification.stream;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * LISTENs on the channel that the V8 trigger signals for every new inbox row, on one dedicated connection per
 * instance (outside the pool, which it would otherwise hold for good), and hands each row to the open streams.
 */
@ApplicationScoped
public class InboxListener {

    /** The channel of db/migration/V8__notification_created_signal.sql. */
    static final String CHANNEL = "notification_created";
    private static final Logger LOG = Logger.getLogger(InboxListener.class);
    private static final int POLL_MILLIS = 1_000;

    private final NotificationStreams streams;
    private final StreamConfig config;
    private final String url;
    private final Properties login = new Properties();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    InboxListener(NotificationStreams streams, StreamConfig config,
                  @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                  @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                  @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.streams = streams;
        this.config = config;
        this.url = url;
        username.ifPresent(u -> login.setProperty("user", u));
        password.ifPresent(p -> login.setProperty("password", p));
        login.setProperty("ApplicationName", "notification-stream-listener");
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = new Thread(this::listen, "notification-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Whether the listener is connected and subscribed; a notification committed before that is not pushed live. */
    public boolean listening() {
        return listening;
    }

    private void listen() {
        boolean reconnect = false;
        while (running) {
            try (Connection connection = new Driver().connect(url, login); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                listening = true;
                if (reconnect) {
                    streams.catchUp();
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] signals = pg.getNotifications(POLL_MILLIS);
                    for (PGNotification signal : signals == null ? new PGNotification[0] : signals) {
                        deliver(signal.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    LOG.warnf("notification listener lost its connection, reconnecting: %s", e.toString());
                    pause();
                }
            }
            reconnect = true;
        }
        listening = false;
    }

    private void deliver(String payload) {
        String[] parts = payload.split(" ");
        try {
            streams.created(UUID.fromString(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            LOG.warnf("could not push notification signal '%s': %s", payload, e.toString());
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.reconnectDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
