package org.intersession.infra;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailServerTest {

    @TempDir
    Path mailbox;

    @Test
    void eachMessageIsSavedOnceInArrivalOrderEvenWhenRecipientsInterleave() throws Exception {
        try (MailServer mail = MailServer.start(mailbox, 0)) {
            // GreenMail groups received messages by mailbox: zed's second message would sit before ann's first
            send(mail, "zed@clinic.test", "invitation for zed");
            send(mail, "ann@clinic.test", "reminder for ann");
            send(mail, "zed@clinic.test", "second mail for zed");
            send(mail, "ann@clinic.test", "digest for ann");

            assertEquals(List.of("invitation for zed", "reminder for ann", "second mail for zed", "digest for ann"), subjects());
            assertEquals(4, mail.received().size());
        }
    }

    @Test
    void aRestartContinuesTheNumberingAndOverwritesNothing() throws Exception {
        try (MailServer mail = MailServer.start(mailbox, 0)) {
            send(mail, "ann@clinic.test", "before the restart");
        }
        Files.writeString(mailbox.resolve("00007.eml"), "Subject: saved by an older version\r\n\r\nkept\r\n");
        Path first = files().get(0);
        String firstContent = Files.readString(first);

        try (MailServer mail = MailServer.start(mailbox, 0)) {
            send(mail, "ann@clinic.test", "after the restart");
        }

        assertEquals(List.of("before the restart", "saved by an older version", "after the restart"), subjects());
        assertEquals(firstContent, Files.readString(first), "the first run's file is untouched");
        assertTrue(files().get(2).getFileName().toString().startsWith("00008-"), files().toString());
    }

    private static void send(MailServer mail, String to, String subject) {
        GreenMailUtil.sendTextEmail(to, "noreply@intersession.local", subject, "body of " + subject,
                new ServerSetup(mail.port(), "localhost", ServerSetup.PROTOCOL_SMTP));
    }

    /** Saved synchronously on arrival: the file is there when the SMTP send returns. */
    private List<String> subjects() throws IOException {
        return files().stream().map(MailServerTest::subject).toList();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(mailbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        }
    }

    private static String subject(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith("Subject: ")).findFirst()
                    .map(l -> l.substring("Subject: ".length())).orElse("");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
