package org.intersession.notification.notification;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.intersession.platform.security.Caller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.util.List;

import static org.intersession.notification.access.NotificationOperation.READ_OWN_INBOX;

@ApplicationScoped
public class NotificationService {

    /** The caller's own notifications, newest first, by keyset pagination. */
    @Transactional
    public Page<NotificationView> inbox(Caller caller, int limit, Cursor after) {
        READ_OWN_INBOX.require(caller);
        String query = "clinicId = :clinic and recipientId = :me";
        Parameters params = Parameters.with("clinic", caller.clinicId()).and("me", caller.id());
        if (after != null) {
            query += " and (createdAt < :at or (createdAt = :at and id < :id))";
            params.and("at", after.at()).and("id", after.id());
        }
        List<Notification> rows = Notification.<Notification>find(query, Sort.descending("createdAt", "id"), params)
                .range(0, limit).list();
        String next = null;
        if (rows.size() > limit) {
            Notification last = rows.get(limit - 1);
            next = new Cursor(last.createdAt, last.id).encode();
            rows = rows.subList(0, limit);
        }
        return new Page<>(rows.stream().map(NotificationView::of).toList(), next);
    }
}
