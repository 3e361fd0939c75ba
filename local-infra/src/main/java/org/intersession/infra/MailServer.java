package org.intersession.infra;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server (GreenMail) for the local run and the end-to-end tests. Every message it receives is also
 * written to a folder as an .eml file, so a developer can read what the platform sent.
 * <p>
 * Each message is written once, as it arrives (GreenMail's list of received messages is grouped by mailbox, not
 * ordered by arrival), under {@code NNNNN-yyyyMMddTHHmmssSSSZ.eml}: the number continues from the highest file already in
 * the folder, so a restart never overwrites what an earlier run saved.
 */
public final class MailServer implements AutoCloseable {

    private static final Pattern NUMBERED = Pattern.compile("^(\\d+)(?:-.*)?\\.eml$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final GreenMail greenMail;
    private final Path mailbox;
    private final Clock clock;
    /** A message to several recipients is delivered once per recipient, and saved once. */
    private final Set<MovingMessage> saved = Collections.newSetFromMap(new WeakHashMap<>());
    private long last;

    private MailServer(GreenMail greenMail, Path mailbox, Clock clock) throws IOException {
        this.greenMail = greenMail;
        this.mailbox = mailbox;
        this.clock = clock;
        this.last = highestNumber(mailbox);
        UserManager users = greenMail.getManagers().getUserManager();
        MessageDeliveryHandler deliverToMailbox = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, recipient) -> {
            save(message);
            return deliverToMailbox.handle(message, recipient);
        });
    }

    /** @param port 0 for a free one */
    public static MailServer start(Path mailbox, int port) throws IOException {
        Files.createDirectories(mailbox);
        GreenMail greenMail = new GreenMail(new ServerSetup(port > 0 ? port : Ports.free(), "localhost", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        // after start: starting creates the managers anew
        return new MailServer(greenMail, mailbox, Clock.systemUTC());
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

    private synchronized void save(MovingMessage message) throws MessagingException {
        if (!saved.add(message)) {
            return;
        }
        while (true) {
            Path file = mailbox.resolve(String.format("%05d-%s.eml", ++last, STAMP.format(clock.instant())));
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                message.getMessage().writeTo(out);
                return;
            } catch (FileAlreadyExistsException taken) {
                // another process writes to the same folder: take the next number
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static long highestNumber(Path mailbox) throws IOException {
        long highest = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(mailbox, "*.eml")) {
            for (Path file : files) {
                Matcher number = NUMBERED.matcher(file.getFileName().toString());
                if (number.matches() && number.group(1).length() < 19) {
                    highest = Math.max(highest, Long.parseLong(number.group(1)));
                }
            }
        }
        return highest;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
