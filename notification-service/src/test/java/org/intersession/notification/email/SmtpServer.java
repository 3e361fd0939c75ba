package org.intersession.notification.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.intersession.infra.Ports;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real SMTP server (GreenMail) on a free port for this module's tests; messages are read back from it. The service
 * reaches it through a TCP relay of this class, so that a test can make the mail server slow (each new connection
 * waits before the server's greeting) or take it away (nothing listens on the port, open connections are cut) and
 * bring it back on the same port.
 */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {

    private static GreenMail greenMail;
    private static Relay relay;

    public static GreenMail get() {
        return greenMail;
    }

    /** Every message received so far for {@code address}. */
    public static MimeMessage[] messagesTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (MessagingException e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }

    /** From now on every connection waits this long before the server answers; open connections are cut. */
    public static void slow(Duration delay) {
        relay.delay = delay;
        relay.cutOpenConnections();
    }

    /** The mail server goes away: nothing listens on its port, and open connections are cut. */
    public static void down() {
        relay.stopListening();
    }

    /** The mail server is back on the same port, answering at once. */
    public static void up() {
        relay.delay = Duration.ZERO;
        relay.listen();
    }

    @Override
    public Map<String, String> start() {
        try {
            greenMail = new GreenMail(new ServerSetup(Ports.free(), "localhost", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
            relay = new Relay(Ports.free(), greenMail.getSmtp().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        relay.listen();
        return Map.of("quarkus.mailer.host", "localhost", "quarkus.mailer.port", String.valueOf(relay.port));
    }

    @Override
    public void stop() {
        if (relay != null) {
            relay.stopListening();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    /** Copies bytes between the service and GreenMail, one thread per direction. */
    private static final class Relay {

        private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "smtp-relay-delay");
            thread.setDaemon(true);
            return thread;
        });

        private final int port;
        private final int target;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private volatile ServerSocket listener;
        volatile Duration delay = Duration.ZERO;

        Relay(int port, int target) {
            this.port = port;
            this.target = target;
        }

        synchronized void listen() {
            if (listener != null) {
                return;
            }
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                listener = socket;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ServerSocket accepting = listener;
            daemon(() -> {
                while (!accepting.isClosed()) {
                    try {
                        Socket client = accepting.accept();
                        open.add(client);
                        // a slow server: the connection to it (and so its greeting) comes only after the delay
                        LATER.schedule(() -> daemon(() -> connect(client), "smtp-relay-connect"), delay.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "smtp-relay-accept");
        }

        synchronized void stopListening() {
            if (listener != null) {
                closeQuietly(listener);
                listener = null;
            }
            cutOpenConnections();
        }

        void cutOpenConnections() {
            open.forEach(Relay::closeQuietly);
            open.clear();
        }

        private void connect(Socket client) {
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(server);
                daemon(() -> pump(client, server), "smtp-relay-up");
                pump(server, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }

        private void pump(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[8192];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away; the other is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }

        private static void daemon(Runnable task, String name) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        }

        private static void closeQuietly(java.io.Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
