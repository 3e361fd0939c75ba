package org.intersession.notification.email;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.mutiny.TimeoutException;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.intersession.notification.delivery.ClinicAdmins;
import org.intersession.notification.delivery.DeliveryChannel;
import org.intersession.notification.delivery.DeliveryDispatcher;
import org.intersession.notification.delivery.RetryPolicy;
import org.intersession.notification.delivery.SendOutcome;
import org.intersession.notification.notification.NotificationWriter;
import org.hibernate.query.NativeQuery;
import org.intersession.platform.tenancy.Tenancy;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Email as a delivery channel ({@link DeliveryDispatcher}): SMTP outside any transaction, each attempt recorded, retried
 * with backoff and jitter. The Message-ID comes from the delivery id, so every attempt of one email carries the same one
 * and a receiver can tell a repeat. The sealed text is dropped once the email is sent or given up; giving up tells the
 * clinic's admins. Each outcome is published as notification.sent or notification.failed on channel EMAIL.
 */
@ApplicationScoped
public class EmailDispatcher implements DeliveryChannel<EmailDispatcher.Outgoing> {

    private static final Logger LOG = Logger.getLogger(EmailDispatcher.class);
    static final String CHANNEL = "EMAIL";

    /** One email to send, and what its outcome is recorded against. */
    public record Outgoing(UUID clinicId, UUID recipientId, String kind, Mail mail) {
    }

    private final EntityManager em;
    private final EmailConfig config;
    private final EmailQueue queue;
    private final ReactiveMailer mailer;
    private final NotificationWriter writer;
    private final ClinicAdmins admins;
    private final String messageIdDomain;
    private final RetryPolicy retries;
    private final DeliveryDispatcher<Outgoing> dispatcher;

    EmailDispatcher(EntityManager em, EmailConfig config, EmailQueue queue, ReactiveMailer mailer, NotificationWriter writer,
                    ClinicAdmins admins, @ConfigProperty(name = "quarkus.mailer.from") String from, MeterRegistry meters) {
        this.em = em;
        this.config = config;
        this.queue = queue;
        this.mailer = mailer;
        this.writer = writer;
        this.admins = admins;
        this.messageIdDomain = domainOf(from);
        this.retries = new RetryPolicy(config.retrySchedule(), config.retryJitter());
        this.dispatcher = new DeliveryDispatcher<>(this, em, meters);
    }

    @PreDestroy
    void stop() {
        dispatcher.stop();
    }

    @Scheduled(identity = "email-dispatch", every = "${intersession.email.dispatch-interval:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void dispatch() {
        dispatchDue();
    }

    /** Sends every email due now, a batch at a time. @return how many attempts were made */
    public int dispatchDue() {
        return dispatcher.dispatchDue();
    }

    /** RFC 5322 §3.6.4: unique, and the same on every attempt of one email. */
    String messageId(UUID deliveryId) {
        return "<" + deliveryId + "@" + messageIdDomain + ">";
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public String deliveryTable() {
        return "email_delivery";
    }

    @Override
    public String attemptTable() {
        return "email_attempt";
    }

    @Override
    public String sentStatus() {
        return "SENT";
    }

    @Override
    public int batchSize() {
        return config.batchSize();
    }

    @Override
    public Duration lease() {
        return config.sendTimeout().plusSeconds(30);
    }

    @Override
    public RetryPolicy retryPolicy() {
        return retries;
    }

    @Override
    public List<Claimed<Outgoing>> load(List<UUID> ids, OffsetDateTime now) {
        List<Claimed<Outgoing>> claimed = new ArrayList<>();
        for (EmailDelivery delivery : EmailDelivery.<EmailDelivery>list("id in ?1", ids)) {
            EmailQueue.Content content;
            try {
                content = queue.open(delivery);
            } catch (RuntimeException e) {
                // a text that does not open is never sent in its place; the lease runs out and it is tried again
                LOG.errorf("email %s does not open: %s", delivery.id, e.getMessage());
                continue;
            }
            Mail mail = Mail.withText(delivery.address, content.subject(), content.text())
                    .addHeader("Message-ID", messageId(delivery.id));
            claimed.add(new Claimed<>(delivery.id, delivery.clinicId, new Outgoing(delivery.clinicId, delivery.recipientId, delivery.kind, mail)));
        }
        return claimed;
    }

    @Override
    public SendOutcome send(Outgoing outgoing) {
        long started = System.nanoTime();
        String error;
        try {
            mailer.send(outgoing.mail()).await().atMost(config.sendTimeout());
            return SendOutcome.of(250, null, started);
        } catch (TimeoutException e) {
            error = "no answer from the mail server within " + config.sendTimeout().toSeconds() + "s";
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        LOG.warnf("email %s to user %s not sent: %s", outgoing.kind(), outgoing.recipientId(), error);
        return SendOutcome.of(null, error, started);
    }

    @Override
    public void sent(Claimed<Outgoing> claimed, SendOutcome outcome) {
        Outgoing outgoing = claimed.message();
        finish(claimed.deliveryId(), null);
        writer.outcome(outgoing.clinicId(), outgoing.recipientId(), outgoing.kind(), CHANNEL, true, null);
    }

    @Override
    public void gaveUp(Claimed<Outgoing> claimed, int attempts, SendOutcome outcome) {
        Outgoing outgoing = claimed.message();
        finish(claimed.deliveryId(), outcome.error());
        writer.outcome(outgoing.clinicId(), outgoing.recipientId(), outgoing.kind(), CHANNEL, false, outcome.error());
        admins.tell("email.failed", "An email could not be sent",
                "An email (" + outgoing.kind() + ") to one of the clinic's users could not be sent after " + attempts
                        + " attempts; last error: " + outcome.error() + ". The user still has it in their in-app inbox."
                        + " Check the platform's mail server settings.",
                "email-failed#" + claimed.deliveryId());
    }

    /** The text is kept only while it may still be sent. */
    private void finish(UUID deliveryId, String error) {
        ((NativeQuery<?>) em.createNativeQuery(
                "update email_delivery set sealed_message = null, error = :error where id = :id and clinic_id = :clinic"))
                .setParameter("error", error, String.class).setParameter("id", deliveryId)
                .setParameter("clinic", Tenancy.clinicId()).executeUpdate();
    }

    private static String domainOf(String from) {
        int at = from.lastIndexOf('@');
        String domain = at < 0 ? "intersession.local" : from.substring(at + 1).replace(">", "").strip();
        return domain.isEmpty() ? "intersession.local" : domain.toLowerCase(Locale.ROOT);
    }
}
