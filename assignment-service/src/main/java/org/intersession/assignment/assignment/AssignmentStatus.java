package org.intersession.assignment.assignment;

import java.util.Set;

/** ASSIGNED until the client acknowledges it, then ACTIVE; may be PAUSED; ends COMPLETED, CANCELLED or EXPIRED. */
public enum AssignmentStatus {
    ASSIGNED,
    ACTIVE,
    PAUSED,
    COMPLETED,
    CANCELLED,
    EXPIRED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == EXPIRED;
    }

    /** The lifecycle: which states each change may start from, and where it leads. */
    public enum Change {
        ACKNOWLEDGE(Set.of(ASSIGNED), ACTIVE),
        PAUSE(Set.of(ASSIGNED, ACTIVE), PAUSED),
        RESUME(Set.of(PAUSED), ACTIVE),
        CANCEL(Set.of(ASSIGNED, ACTIVE, PAUSED), CANCELLED),
        COMPLETE(Set.of(ACTIVE, PAUSED), COMPLETED);

        private final Set<AssignmentStatus> from;
        private final AssignmentStatus to;

        Change(Set<AssignmentStatus> from, AssignmentStatus to) {
            this.from = from;
            this.to = to;
        }

        public boolean allowedFrom(AssignmentStatus status) {
            return from.contains(status);
        }

        public AssignmentStatus target() {
            return to;
        }
    }
}
