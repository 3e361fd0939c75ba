package org.intersession.benchmark;

import java.time.Duration;

/**
 * How much data and how long each phase runs. The full scale is issue #9's: 100 therapists with 100 clients each,
 * two assignments per client, fifty entries per assignment. The quick scale is a hundredth of the data with short
 * phases, for working on the harness; its figures mean little.
 */
public record Scale(String name, int therapists, int clientsPerTherapist, int assignmentsPerClient, int entriesPerAssignment,
                    int scheduleDays, int loggedDays, int signedInClients, int concurrency,
                    Duration warmup, Duration phase, Duration eventPhase,
                    double getRate, double postRate, double caseloadRate, double eventRate) {

    public static final Scale FULL = new Scale("full", 100, 100, 2, 50, 240, 60, 100, 32,
            Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), 500, 200, 20, 200);

    public static final Scale QUICK = new Scale("quick", 2, 100, 2, 50, 240, 60, 20, 8,
            Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4), 100, 50, 5, 50);

    public Scale {
        if (entriesPerAssignment > loggedDays) {
            throw new IllegalArgumentException("at most one entry per logged day");
        }
        if (loggedDays >= scheduleDays) {
            throw new IllegalArgumentException("older days are left open for the posts of the load phases");
        }
    }

    public int clients() {
        return therapists * clientsPerTherapist;
    }

    public int assignments() {
        return clients() * assignmentsPerClient;
    }

    public long entries() {
        return (long) assignments() * entriesPerAssignment;
    }
}
