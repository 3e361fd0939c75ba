package org.intersession.notification.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.intersession.infra.Ports;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.Map;

/** A real SMTP server (GreenMail) on a free port for this module's tests; messages are read back from it. */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {

    private static GreenMail greenMail;

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

    @Override
    public Map<String, String> start() {
        try {
            greenMail = new GreenMail(new ServerSetup(Ports.free(), "localhost", ServerSetup.PROTOCOL_SMTP));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        greenMail.start();
        return Map.of("quarkus.mailer.host", "localhost",
                "quarkus.mailer.port", String.valueOf(greenMail.getSmtp().getPort()));
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
