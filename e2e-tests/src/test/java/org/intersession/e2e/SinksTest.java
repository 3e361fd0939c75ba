package org.intersession.e2e;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.intersession.e2e.sinks.Sinks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/compose-test's driver reads what the stack's sinks container kept, so the two are checked together here,
 * without Docker: a real SMTP client and a real HTTP client send to {@link Sinks}, and {@link SinkFolder} reads it.
 */
class SinksTest {

    @TempDir
    Path folder;

    @Test
    void anEmailIsKeptForItsRecipientAndItsInvitationCodeIsRead() throws Exception {
        try (Sinks sinks = Sinks.start(folder, 0, 0)) {
            send(sinks, "casey@clinic.test", "Your invitation to Intersession",
                    "Hello Casey,\n\n.a line that SMTP dot-stuffs\nOr enter this invitation code in the app: inv_Ab-12_x\n");
            send(sinks, "tara@clinic.test", "Intersession reminder", "You have homework due at 20:00.\n");

            SinkFolder kept = new SinkFolder(folder, "http://sinks:8080/hooks");
            assertEquals("inv_Ab-12_x", kept.invitationCode("casey@clinic.test", "inv_Ab-12_x"));
            assertEquals(1, kept.mailTo("casey@clinic.test").size());
            String text = String.valueOf(kept.mailTo("casey@clinic.test").get(0).getContent()).replace("\r\n", "\n");
            assertTrue(text.contains("\n.a line that SMTP dot-stuffs\n"), text);
            assertEquals(List.of("Intersession reminder"), kept.mailTo("tara@clinic.test").stream().map(SinkFolder::subject).toList());
            assertThrows(AssertionError.class, () -> kept.invitationCode("casey@clinic.test", "another-code"),
                    "a code other than the API's answer is refused");
        }
    }

    @Test
    void webhookDeliveriesAreKeptAsSentInTheOrderTheyArrived() throws Exception {
        try (Sinks sinks = Sinks.start(folder, 0, 0)) {
            byte[] first = "{\"type\":\"org.intersession.progress.flagged.v1\",\"data\":{\"value\":95}}".getBytes(StandardCharsets.UTF_8);
            assertEquals(204, post(sinks, "msg_1", first));
            assertEquals(204, post(sinks, "msg_2", "{}".getBytes(StandardCharsets.UTF_8)));

            SinkFolder kept = new SinkFolder(folder, "http://sinks:8080/hooks");
            assertEquals("http://sinks:8080/hooks", kept.url());
            List<WebhookReceiver.Delivery> deliveries = kept.deliveries();
            assertEquals(List.of("msg_1", "msg_2"), deliveries.stream().map(WebhookReceiver.Delivery::id).toList());
            WebhookReceiver.Delivery delivery = deliveries.get(0);
            assertEquals("1614265330", delivery.timestamp());
            assertEquals("v1,c2lnbmF0dXJl", delivery.signature());
            assertEquals("application/json", delivery.contentType());
            assertEquals(new String(first, StandardCharsets.UTF_8), delivery.text());
        }
    }

    private static void send(Sinks sinks, String to, String subject, String text) throws Exception {
        Properties smtp = new Properties();
        smtp.setProperty("mail.smtp.host", "localhost");
        smtp.setProperty("mail.smtp.port", String.valueOf(sinks.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(smtp));
        message.setFrom(new InternetAddress("no-reply@clinic.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    private static int post(Sinks sinks, String id, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + sinks.httpPort() + "/hooks"))
                .header("webhook-id", id).header("webhook-timestamp", "1614265330").header("webhook-signature", "v1,c2lnbmF0dXJl")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
