package org.intersession.notification.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.intersession.notification.notification.NotificationService;
import org.intersession.notification.notification.NotificationView;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.Caller;
import org.intersession.platform.security.CurrentCaller;
import org.intersession.platform.security.TokenRevocations;
import org.intersession.platform.tenancy.Tenancy;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import static org.intersession.notification.access.NotificationOperation.READ_OWN_INBOX;

/**
 * The open notification streams of this instance, by recipient. New notifications arrive from {@link InboxListener}
 * (one database connection per instance, whichever instance wrote them), never from a query per client.
 */
@ApplicationScoped
public class NotificationStreams {

    private static final Logger LOG = Logger.getLogger(NotificationStreams.class);
    /** Ids a stream remembers having sent, so a replay and a live push of the same notification send it once. */
    private static final int REMEMBERED = 256;

    private final NotificationService notifications;
    private final ObjectMapper json;
    private final StreamConfig config;
    private final TokenRevocations revocations;
    private final Map<UUID, Set<Subscriber>> byRecipient = new ConcurrentHashMap<>();
    private int open;

    NotificationStreams(NotificationService notifications, ObjectMapper json, StreamConfig config, TokenRevocations revocations) {
        this.notifications = notifications;
        this.json = json;
        this.config = config;
        this.revocations = revocations;
    }

    /**
     * Opens a stream for the caller, first replaying (bounded) what they missed after {@code lastEventId}. It lasts as
     * long as the caller's token: it ends at the next heartbeat after the token expires or is revoked, and nothing
     * more is pushed to it meanwhile.
     */
    public void open(Caller caller, CurrentCaller.Lifetime token, SseEventSink sink, Sse sse, UUID lastEventId) {
        READ_OWN_INBOX.require(caller);
        NotificationView seen = lastEventId == null ? null : notifications.own(caller, lastEventId).orElse(null);
        Subscriber subscriber = new Subscriber(caller, token, sink, sse, seen);
        // live pushes wait for the replay (push is synchronized on the subscriber), so the client gets the missed
        // notifications in order first, then the live ones, each once
        synchronized (subscriber) {
            register(subscriber);
            subscriber.open();
            if (seen != null) {
                notifications.after(caller, lastEventId, config.replayLimit()).forEach(subscriber::push);
            }
        }
    }

    private synchronized void register(Subscriber subscriber) {
        Set<Subscriber> mine = byRecipient.computeIfAbsent(subscriber.caller.id(), id -> new CopyOnWriteArraySet<>());
        mine.stream().filter(Subscriber::closed).toList().forEach(this::unregister);
        if (mine.size() >= config.maxPerUser()) {
            throw tooMany("At most " + config.maxPerUser() + " notification streams may be open per user");
        }
        if (open >= config.maxPerInstance()) {
            throw tooMany("This instance has no room for another notification stream");
        }
        mine.add(subscriber);
        open++;
    }

    private synchronized void unregister(Subscriber subscriber) {
        Set<Subscriber> mine = byRecipient.get(subscriber.caller.id());
        if (mine != null && mine.remove(subscriber)) {
            open--;
            if (mine.isEmpty()) {
                byRecipient.remove(subscriber.caller.id());
            }
        }
    }

    private static ApiProblemException tooMany(String detail) {
        return new ApiProblemException(429, detail) {
            @Override
            public Map<String, String> headers() {
                return Map.of("Retry-After", "30");
            }
        };
    }

    /** A notification was committed, possibly by another instance: push it to its recipient's streams here. */
    void created(UUID recipientId, UUID notificationId) {
        Set<Subscriber> streams = byRecipient.get(recipientId);
        if (streams == null || streams.isEmpty()) {
            return;
        }
        // the listener has no caller: the notification is read in the clinic of the streams' owner, so a signal
        // naming another clinic's row finds nothing, and a stream only ever gets its own clinic's notifications
        UUID clinicId = streams.iterator().next().caller.clinicId();
        Tenancy.inClinic(clinicId, () -> notifications.find(recipientId, notificationId))
                .ifPresent(view -> streams.stream().filter(s -> s.caller.clinicId().equals(clinicId)).forEach(s -> s.push(view)));
    }

    /** After the listener lost its connection, each stream gets what it may have missed meanwhile. */
    void catchUp() {
        for (Set<Subscriber> streams : byRecipient.values()) {
            for (Subscriber subscriber : streams) {
                UUID last = subscriber.lastSent();
                if (last != null) {
                    Tenancy.inClinic(subscriber.caller.clinicId(), () -> notifications.after(subscriber.caller, last, config.replayLimit()))
                            .forEach(subscriber::push);
                }
            }
        }
    }

    @Scheduled(identity = "notification-stream-heartbeat", every = "${intersession.notification.stream.heartbeat:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        List<Subscriber> all = new ArrayList<>();
        byRecipient.values().forEach(all::addAll);
        for (Subscriber subscriber : all) {
            if (!subscriber.closed() && revocations.ended(subscriber.token)) {
                subscriber.sink.close();
            }
            if (subscriber.closed()) {
                unregister(subscriber);
            } else {
                subscriber.comment("heartbeat");
            }
        }
    }

    /** Open streams on this instance. */
    public synchronized int open() {
        return open;
    }

    private final class Subscriber {

        private final Caller caller;
        private final CurrentCaller.Lifetime token;
        private final SseEventSink sink;
        private final Sse sse;
        /** The notification named by the client's Last-Event-ID: it and anything older the client already has. */
        private final NotificationView seen;
        private final Set<UUID> sent = new LinkedHashSet<>();
        private UUID lastSent;

        Subscriber(Caller caller, CurrentCaller.Lifetime token, SseEventSink sink, Sse sse, NotificationView seen) {
            this.caller = caller;
            this.token = token;
            this.sink = sink;
            this.sse = sse;
            this.seen = seen;
        }

        private boolean alreadySeen(NotificationView view) {
            return seen != null && (view.id().equals(seen.id()) || view.createdAt().isBefore(seen.createdAt()));
        }

        boolean closed() {
            return sink.isClosed();
        }

        synchronized UUID lastSent() {
            return lastSent;
        }

        synchronized void push(NotificationView view) {
            if (closed() || revocations.ended(token) || alreadySeen(view) || !sent.add(view.id())) {
                return;
            }
            if (sent.size() > REMEMBERED) {
                sent.remove(sent.iterator().next());
            }
            lastSent = view.id();
            try {
                // no media type on the event: one set explicitly is written as a "content-type:" line, which is no SSE field
                send(sse.newEventBuilder().id(view.id().toString()).name("notification")
                        .reconnectDelay(config.clientRetry().toMillis()).data(String.class, json.writeValueAsString(view)).build());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write notification " + view.id(), e);
            }
        }

        /** The first lines: a comment, and {@code retry:} so that an EventSource waits as long as we ask before reconnecting. */
        synchronized void open() {
            if (!closed()) {
                send(sse.newEventBuilder().comment("open").reconnectDelay(config.clientRetry().toMillis()).build());
            }
        }

        synchronized void comment(String text) {
            if (!closed()) {
                send(sse.newEventBuilder().comment(text).build());
            }
        }

        private void send(OutboundSseEvent event) {
            sink.send(event).exceptionally(failure -> {
                LOG.debugf("notification stream of user %s closed: %s", caller.id(), failure.toString());
                sink.close();
                unregister(this);
                return null;
            });
        }
    }
}
