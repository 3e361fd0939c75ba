package org.intersession.benchmark;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes the {@link SeedPlan} straight into each service's own tables with COPY, as the identity and assignment
 * events would have left them: the gateway's users, profiles and care teams; assignment-service's assignments;
 * progress-service's replicas and entries; notification-service's replicas, reminder plans and email contacts. It runs after the
 * services migrated their schemas and before any load. Every seeded person has the password of the clinic's first
 * admin, whose bcrypt hash (made by the gateway through the API) is copied, so they log in through the API as usual.
 */
final class Seeder {

    private static final String SCHEDULE = "{\"type\":\"RECURRING\",\"start\":\"%sT09:00:00\",\"rrule\":\"FREQ=DAILY\"}";
    private static final String REMINDER_POLICY = "{\"enabled\":true,\"minutesBefore\":60,\"maxPerDay\":3}";
    private static final String[] SKIP_REASONS = {"FORGOT", "NO_TIME", "FELT_UNWELL"};

    private final SeedPlan plan;
    private final Function<String, String> jdbcUrl;
    private final UUID clinicId;
    private final String passwordHash;
    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

    /**
     * @param jdbcUrl      the JDBC URL of a service's database, by database name
     * @param passwordHash a bcrypt hash the gateway made, given to every seeded person
     */
    Seeder(SeedPlan plan, Function<String, String> jdbcUrl, UUID clinicId, String passwordHash) {
        this.plan = plan;
        this.jdbcUrl = jdbcUrl;
        this.clinicId = clinicId;
        this.passwordHash = passwordHash;
    }

    /** The clinic and bcrypt password hash of a user the gateway created through the API. */
    record Account(UUID clinicId, String passwordHash) {
    }

    static Account accountOf(Function<String, String> jdbcUrl, String email) throws SQLException {
        try (Connection connection = connect(jdbcUrl.apply("gateway"));
             var query = connection.prepareStatement("select clinic_id, password_hash from app_user where lower(email) = lower(?)")) {
            query.setString(1, email);
            try (var rs = query.executeQuery()) {
                if (!rs.next() || rs.getString(2) == null) {
                    throw new SQLException("no account with a password for " + email);
                }
                return new Account(rs.getObject(1, UUID.class), rs.getString(2));
            }
        }
    }

    void seed() throws SQLException {
        seedGateway();
        for (String database : List.of("assignment", "progress", "notification")) {
            seedIdentityReplica(database);
        }
        seedAssignments();
        seedProgress();
        seedNotification();
        settleEntries();
    }

    /**
     * Vacuums the entries, as autovacuum would soon after such a load, so that the visibility map lets adherence read
     * them from the index alone. A vacuum that ran while a service's transaction was still open marks no page as
     * visible to all, so it is repeated (a few times at most) until most of them are.
     */
    private void settleEntries() throws SQLException {
        try (Connection db = connect(jdbcUrl.apply("progress")); Statement statement = db.createStatement()) {
            for (int attempt = 0; attempt < 5; attempt++) {
                statement.execute("vacuum progress_entry");
                try (var rs = statement.executeQuery("select relallvisible >= 0.9 * relpages from pg_class where relname = 'progress_entry'")) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return;
                    }
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void seedGateway() throws SQLException {
        String created = ts(now.minusDays(plan.scale().scheduleDays() + 7L));
        try (Connection db = connect(jdbcUrl.apply("gateway"))) {
            copy(db, "app_user (id, clinic_id, email, display_name, role, status, password_hash, created_at, updated_at, version)", rows -> {
                for (SeedPlan.Person t : plan.therapists()) {
                    rows.row(t.id(), clinicId, t.email(), "Therapist " + t.index(), "THERAPIST", "ACTIVE", passwordHash, created, created, 1);
                }
                for (SeedPlan.Client c : plan.clients()) {
                    rows.row(c.id(), clinicId, c.email(), "Client " + c.index(), "CLIENT", "ACTIVE", passwordHash, created, created, 1);
                }
            });
            copy(db, "client_profile (user_id, clinic_id, time_zone, locale, quiet_hours_start, quiet_hours_end, channels)", rows -> {
                for (SeedPlan.Client c : plan.clients()) {
                    rows.row(c.id(), clinicId, c.timeZone(), "en", null, null, "[]");
                }
            });
            copy(db, "care_team_link (clinic_id, client_id, therapist_id, created_at)", rows -> {
                for (SeedPlan.Client c : plan.clients()) {
                    rows.row(clinicId, c.id(), c.therapistId(), created);
                }
            });
            analyze(db, "app_user", "client_profile", "care_team_link");
        }
    }

    private void seedIdentityReplica(String database) throws SQLException {
        String linked = ts(now.minusDays(plan.scale().scheduleDays() + 7L));
        try (Connection db = connect(jdbcUrl.apply(database))) {
            copy(db, "care_team_member (clinic_id, client_id, therapist_id, linked_at)", rows -> {
                for (SeedPlan.Client c : plan.clients()) {
                    rows.row(clinicId, c.id(), c.therapistId(), linked);
                }
            });
            copy(db, "client_profile_replica (client_id, clinic_id, time_zone, locale, quiet_hours_start, quiet_hours_end, channels, changed_at)", rows -> {
                for (SeedPlan.Client c : plan.clients()) {
                    rows.row(c.id(), clinicId, c.timeZone(), "en", null, null, "[]", linked);
                }
            });
            analyze(db, "care_team_member", "client_profile_replica");
        }
    }

    private void seedAssignments() throws SQLException {
        try (Connection db = connect(jdbcUrl.apply("assignment"))) {
            copy(db, "assignment (id, clinic_id, client_id, therapist_id, title, instructions, status, created_at, updated_at, version, "
                    + "rationale, obstacles, schedule, time_zone, reminder_policy, acknowledged_at, ends_at)", rows -> {
                for (SeedPlan.Assignment a : plan.assignments()) {
                    String created = assignedAt(a);
                    rows.row(a.id(), clinicId, a.client().id(), a.client().therapistId(), a.title(),
                            "Once a day, write down what happened and what you noticed.", "ACTIVE", created, created, 1,
                            "Practising between sessions is what makes therapy work.", "[]", schedule(a), a.client().timeZone(),
                            REMINDER_POLICY, created, null);
                }
            });
            analyze(db, "assignment");
        }
    }

    private void seedProgress() throws SQLException {
        String checked = ts(now);
        try (Connection db = connect(jdbcUrl.apply("progress"))) {
            copy(db, "tracked_assignment (assignment_id, clinic_id, client_id, therapist_id, title, assigned_at, status, time_zone, "
                    + "schedule, version, missed_checked_until)", rows -> {
                for (SeedPlan.Assignment a : plan.assignments()) {
                    // the missed-occurrence job's watermark: the seeded past is settled, so it does not replay months of misses
                    rows.row(a.id(), clinicId, a.client().id(), a.client().therapistId(), a.title(), assignedAt(a), "ACTIVE",
                            a.client().timeZone(), schedule(a), 1, checked);
                }
            });
            copy(db, "progress_entry (id, clinic_id, client_id, assignment_id, status, recorded_at, occurrence_key, late, answers, "
                    + "mood_before, mood_after, minutes_spent, skip_reason, version)", rows ->
                    plan.forEachEntry((assignment, day, entryId, roll) -> {
                        ZoneId zone = ZoneId.of(assignment.client().timeZone());
                        Instant due = day.atTime(9, 0).atZone(zone).toInstant();
                        String status = roll < 7 ? "DONE" : roll < 9 ? "PARTIAL" : "SKIPPED";
                        boolean skipped = status.equals("SKIPPED");
                        rows.row(entryId, clinicId, assignment.client().id(), assignment.id(), status,
                                ts(due.plusSeconds(600L * roll).atOffset(ZoneOffset.UTC)), SeedPlan.occurrenceKey(day), false, "{}",
                                skipped ? null : 3 + roll % 4, skipped ? null : 5 + roll % 4, skipped ? null : 10 + roll,
                                skipped ? SKIP_REASONS[roll % SKIP_REASONS.length] : null, 1);
                    }));
            analyze(db, "tracked_assignment", "progress_entry");
        }
    }

    private void seedNotification() throws SQLException {
        String plannedUntil = ts(now.plusDays(14));
        try (Connection db = connect(jdbcUrl.apply("notification"))) {
            copy(db, "reminder_plan (assignment_id, clinic_id, client_id, title, status, time_zone, schedule, reminder_policy, version, planned_until)", rows -> {
                for (SeedPlan.Assignment a : plan.assignments()) {
                    rows.row(a.id(), clinicId, a.client().id(), a.title(), "ACTIVE", a.client().timeZone(), schedule(a),
                            REMINDER_POLICY, 1, plannedUntil);
                }
            });
            String known = ts(now.minusDays(plan.scale().scheduleDays() + 7L));
            copy(db, "user_contact (user_id, clinic_id, email, status, changed_at)", rows -> {
                for (SeedPlan.Person t : plan.therapists()) {
                    rows.row(t.id(), clinicId, t.email(), "ACTIVE", known);
                }
                for (SeedPlan.Client c : plan.clients()) {
                    rows.row(c.id(), clinicId, c.email(), "ACTIVE", known);
                }
            });
            analyze(db, "reminder_plan", "user_contact");
        }
    }

    private String assignedAt(SeedPlan.Assignment a) {
        return ts(a.firstDay().minusDays(1).atTime(12, 0).atOffset(ZoneOffset.UTC));
    }

    private static String schedule(SeedPlan.Assignment a) {
        return SCHEDULE.formatted(a.firstDay());
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    private static String ts(OffsetDateTime time) {
        return time.toString();
    }

    interface RowWriter {
        void write(CopyRows rows) throws SQLException;
    }

    /** Rows in PostgreSQL's COPY text format, streamed in chunks. Values never contain tabs, newlines or backslashes. */
    static final class CopyRows {
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(1 << 20);
        private long count;

        CopyRows(CopyIn copy) {
            this.copy = copy;
        }

        void row(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                buffer.append(values[i] == null ? "\\N" : values[i].toString());
            }
            buffer.append('\n');
            count++;
            if (buffer.length() > (1 << 20) - 4096) {
                flush();
            }
        }

        void flush() {
            try {
                byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                buffer.setLength(0);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static long copy(Connection db, String target, RowWriter writer) throws SQLException {
        CopyIn copy = db.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + target + " from stdin");
        try {
            CopyRows rows = new CopyRows(copy);
            writer.write(rows);
            rows.flush();
            copy.endCopy();
            return rows.count;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void analyze(Connection db, String... tables) throws SQLException {
        try (Statement statement = db.createStatement()) {
            for (String table : tables) {
                statement.execute("analyze " + table);
            }
        }
    }
}
