package org.intersession.infra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real SMTP server (GreenMail) for the local run and the end-to-end tests. Every message it receives is also
 * written to a folder as an .eml file, so a developer can read what the platform sent.
 */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final Path mailbox;
    private final ScheduledExecutorService writer;
    private int written;

    private MailServer(GreenMail greenMail, Path mailbox) {
        this.greenMail = greenMail;
        this.mailbox = mailbox;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mailbox-writer");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(this::writeNewMessages, 1, 1, TimeUnit.SECONDS);
    }

    /** @param port 0 for a free one */
    public static MailServer start(Path mailbox, int port) throws IOException {
        Files.createDirectories(mailbox);
        GreenMail greenMail = new GreenMail(new ServerSetup(port > 0 ? port : Ports.free(), "localhost", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return new MailServer(greenMail, mailbox);
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    public Path mailbox() {
        return mailbox;
    }

    public List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    private synchronized void writeNewMessages() {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        for (; written < messages.length; written++) {
            Path file = mailbox.resolve(String.format("%05d.eml", written + 1));
            try (OutputStream out = Files.newOutputStream(file)) {
                messages[written].writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
        greenMail.stop();
    }
}
