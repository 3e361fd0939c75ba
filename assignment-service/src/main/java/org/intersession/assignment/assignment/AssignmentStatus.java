package org.intersession.assignment.assignment;

/** ASSIGNED until the client acknowledges it, then ACTIVE; may be PAUSED; ends COMPLETED, CANCELLED or EXPIRED. */
public enum AssignmentStatus {
    ASSIGNED,
    ACTIVE,
    PAUSED,
    COMPLETED,
    CANCELLED,
    EXPIRED
}
