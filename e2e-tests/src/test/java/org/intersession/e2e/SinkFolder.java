package org.intersession.e2e;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The folder where the self-hosted stack's outside world ({@link org.intersession.e2e.sinks.Sinks}, in a container
 * of its own) keeps what the platform sent: emails under {@code mail/}, webhook deliveries under {@code webhooks/}.
 */
final class SinkFolder implements WebhookSink {

    private static final Pattern INVITATION_CODE = Pattern.compile("invitation code in the app: (\\S+)");
    private static final Session MAIL = Session.getInstance(new Properties());

    private final Path directory;
    private final String webhookUrl;

    /** @param webhookUrl the endpoint as the platform reaches it on its network */
    SinkFolder(Path directory, String webhookUrl) {
        this.directory = directory;
        this.webhookUrl = webhookUrl;
    }

    @Override
    public String url() {
        return webhookUrl;
    }

    @Override
    public List<WebhookReceiver.Delivery> deliveries() {
        return files("webhooks").map(file -> {
            Properties delivery = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                delivery.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new WebhookReceiver.Delivery(delivery.getProperty("id"), delivery.getProperty("timestamp"),
                    delivery.getProperty("signature"), delivery.getProperty("contentType"),
                    Base64.getDecoder().decode(delivery.getProperty("body")));
        }).toList();
    }

    /** Every email to this address, oldest first. */
    List<MimeMessage> mailTo(String address) {
        return files("mail").map(SinkFolder::message).filter(message -> addressedTo(message, address)).toList();
    }

    /**
     * The code in the invitation email to {@code address}, once it has arrived; it must be the one the API answered
     * with, which a clinic app could pass on itself.
     */
    String invitationCode(String address, String answered) {
        MimeMessage invitation = await().atMost(Duration.ofSeconds(90)).until(
                () -> mailTo(address).stream().filter(m -> subject(m).equals("Your invitation to Intersession")).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        Matcher code = INVITATION_CODE.matcher(text(invitation));
        if (!code.find()) {
            throw new AssertionError("no invitation code in the email to " + address + ":\n" + text(invitation));
        }
        assertEquals(answered, code.group(1), "the emailed code is the one the API answered with");
        return code.group(1);
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            return message.getRecipients(Message.RecipientType.TO) != null && Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(to -> to instanceof InternetAddress internet && internet.getAddress().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage message(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(MAIL, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(file + " is not an email", e);
        }
    }

    /** The kept files of one kind in the order they arrived (their names sort so); files still being written start with a dot. */
    private Stream<Path> files(String kind) {
        Path folder = directory.resolve(kind);
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> !file.getFileName().toString().startsWith(".")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
