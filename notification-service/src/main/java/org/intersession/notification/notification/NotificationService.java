package org.intersession.notification.notification;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.intersession.platform.audit.AuditSubject;
import org.intersession.platform.security.Caller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.util.List;

import static org.intersession.notification.access.NotificationOperation.READ_OWN_INBOX;

@ApplicationScoped
public class NotificationService {

    public record UnreadCount(long unread) {
    }

    @Transactional
    public UnreadCount unread(Caller caller) {
        READ_OWN_INBOX.require(caller);
        AuditSubject.concernsCaller(caller);
        return new UnreadCount(Notification.count("recipientId = ?1 and readAt is null", caller.id()));
    }

    /** Marks the caller's own notification read; someone else's does not exist for them. Marking twice is harmless. */
    @Transactional
    public NotificationView markRead(Caller caller, java.util.UUID id) {
        READ_OWN_INBOX.require(caller);
        AuditSubject.concernsCaller(caller);
        Notification notification = Notification.<Notification>find("id = ?1 and recipientId = ?2", id, caller.id())
                .firstResultOptional()
                .orElseThrow(() -> org.intersession.platform.problem.ApiProblemException.notFound("Notification"));
        if (notification.readAt == null) {
            notification.readAt = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        }
        return NotificationView.of(notification);
    }

    /**
     * The caller's notifications after the one a stream last delivered, oldest first and at most {@code limit}; an id
     * that is not the caller's replays nothing.
     */
    @Transactional
    public List<NotificationView> after(Caller caller, java.util.UUID lastSeen, int limit) {
        READ_OWN_INBOX.require(caller);
        return Notification.<Notification>find("id = ?1 and recipientId = ?2", lastSeen, caller.id())
                .firstResultOptional()
                .map(seen -> Notification.<Notification>find("recipientId = :me"
                                        + " and (createdAt > :at or (createdAt = :at and id > :id))", Sort.ascending("createdAt", "id"),
                                Parameters.with("me", caller.id()).and("at", seen.createdAt).and("id", seen.id))
                        .range(0, limit - 1).list().stream().map(NotificationView::of).toList())
                .orElse(List.of());
    }

    /** One of the caller's own notifications. */
    @Transactional
    public java.util.Optional<NotificationView> own(Caller caller, java.util.UUID id) {
        READ_OWN_INBOX.require(caller);
        return find(caller.id(), id);
    }

    /** One notification of the current clinic as its recipient sees it, for pushing it live. */
    @Transactional
    public java.util.Optional<NotificationView> find(java.util.UUID recipientId, java.util.UUID id) {
        return Notification.<Notification>find("id = ?1 and recipientId = ?2", id, recipientId)
                .firstResultOptional().map(NotificationView::of);
    }

    /** The caller's own notifications, newest first, by keyset pagination. */
    @Transactional
    public Page<NotificationView> inbox(Caller caller, int limit, Cursor after) {
        READ_OWN_INBOX.require(caller);
        AuditSubject.concernsCaller(caller);
        String query = "recipientId = :me";
        Parameters params = Parameters.with("me", caller.id());
        if (after != null) {
            query += " and (createdAt < :at or (createdAt = :at and id < :id))";
            params.and("at", after.at()).and("id", after.id());
        }
        List<Notification> rows = Notification.<Notification>find(query, Sort.descending("createdAt", "id"), params)
                .range(0, limit).list();
        return Page.of(rows, limit, n -> new Cursor(n.createdAt, n.id), NotificationView::of);
    }
}
