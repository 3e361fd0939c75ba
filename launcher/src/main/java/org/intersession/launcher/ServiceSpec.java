package org.intersession.launcher;

/** One of the four deployable services: its module, and the database it owns (null for none). */
public enum ServiceSpec {
    GATEWAY("gateway", "gateway"),
    ASSIGNMENT("assignment-service", "assignment"),
    PROGRESS("progress-service", "progress"),
    NOTIFICATION("notification-service", "notification");

    private final String module;
    private final String database;

    ServiceSpec(String module, String database) {
        this.module = module;
        this.database = database;
    }

    public String module() {
        return module;
    }

    public String database() {
        return database;
    }
}
