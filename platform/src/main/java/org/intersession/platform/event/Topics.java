package org.intersession.platform.event;

/** One topic per producing service; the record key is the client id so each client's events stay in order. */
public final class Topics {
    public static final String IDENTITY = "intersession.identity.v1";
    public static final String ASSIGNMENT = "intersession.assignment.v1";
    public static final String PROGRESS = "intersession.progress.v1";
    public static final String NOTIFICATION = "intersession.notification.v1";

    private Topics() {
    }
}
