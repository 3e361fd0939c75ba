package org.intersession.notification.email;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.intersession.notification.notification.NotificationWriter;
import org.intersession.platform.event.CloudEvent;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one email and records the outcome. A failed send is recorded, not thrown: the event that asked for it is
 * still consumed, and the failure is visible in the delivery records.
 */
@ApplicationScoped
public class EmailSender {

    private static final Logger LOG = Logger.getLogger(EmailSender.class);

    /** Bounds one SMTP conversation; a slow server must not hold the consumer for long. */
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Mailer mailer;
    /**
     * The mailer runs its SMTP client on the calling thread's Vert.x context. Called from an ordered blocking
     * consumer, whose context queue is held by that very call, it would wait for itself; a plain thread avoids that.
     */
    private final ExecutorService smtp = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "smtp-send");
        thread.setDaemon(true);
        return thread;
    });

    private final NotificationWriter notifications;

    EmailSender(Mailer mailer, NotificationWriter notifications) {
        this.mailer = mailer;
        this.notifications = notifications;
    }

    @PreDestroy
    void stop() {
        smtp.shutdownNow();
    }

    public record Email(UUID clinicId, UUID recipientId, String kind, String address, String subject, String text) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean send(CloudEvent cause, Email email) {
        return send(cause.source() + "#" + cause.id(), email);
    }

    /** @param sourceId the cause (an event, a notification, a digest), making each cause's email unique per kind */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean send(String sourceId, Email email) {
        EmailDelivery delivery = new EmailDelivery();
        delivery.id = UUID.randomUUID();
        delivery.clinicId = email.clinicId();
        delivery.recipientId = email.recipientId();
        delivery.kind = email.kind();
        delivery.address = email.address();
        delivery.sourceEventId = sourceId;
        delivery.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            Mail mail = Mail.withText(email.address(), email.subject(), email.text());
            CompletableFuture.runAsync(() -> mailer.send(mail), smtp).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            delivery.status = "SENT";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending email", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warnf("email %s to user %s failed: %s", email.kind(), email.recipientId(), e.toString());
            delivery.status = "FAILED";
            String error = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            delivery.error = error.length() > 500 ? error.substring(0, 500) : error;
        }
        delivery.persist();
        notifications.outcome(email.clinicId(), email.recipientId(), email.kind(), "EMAIL", "SENT".equals(delivery.status),
                delivery.error);
        return "SENT".equals(delivery.status);
    }
}
