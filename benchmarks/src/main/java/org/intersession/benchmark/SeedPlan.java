package org.intersession.benchmark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The seeded data, derived from one seeded {@link Random} so that reruns are comparable: who the therapists and
 * clients are, who cares for whom, the assignments (daily at 09:00 in the client's zone since {@code scheduleDays}
 * ago) and which of the last {@code loggedDays} days have an entry. The older days stay open for the load phases.
 */
public final class SeedPlan {

    public static final long SEED = 20_260_009L;
    static final List<String> TIME_ZONES = List.of("Europe/Berlin", "America/New_York", "UTC", "Australia/Sydney");
    static final List<String> TITLES = List.of("Thought record", "Behavioural activation", "Breathing practice", "Sleep diary");

    public record Person(UUID id, int index, String email) {
    }

    public record Client(UUID id, int index, String email, UUID therapistId, String timeZone) {
    }

    public record Assignment(UUID id, Client client, String title, LocalDate firstDay) {
    }

    private final Scale scale;
    private final LocalDate today;
    private final List<Person> therapists = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();
    private final List<Assignment> assignments = new ArrayList<>();
    private final long entrySeed;

    public SeedPlan(Scale scale, LocalDate today) {
        this.scale = scale;
        this.today = today;
        Random random = new Random(SEED);
        for (int t = 0; t < scale.therapists(); t++) {
            therapists.add(new Person(uuid(random), t, "therapist-" + t + "@bench.intersession.test"));
        }
        for (int c = 0; c < scale.clients(); c++) {
            // client c belongs to therapist c % therapists: every caseload has exactly clientsPerTherapist clients
            Person therapist = therapists.get(c % scale.therapists());
            clients.add(new Client(uuid(random), c, "client-" + c + "@bench.intersession.test", therapist.id(),
                    TIME_ZONES.get(c % TIME_ZONES.size())));
        }
        LocalDate firstDay = today.minusDays(scale.scheduleDays());
        for (Client client : clients) {
            for (int a = 0; a < scale.assignmentsPerClient(); a++) {
                assignments.add(new Assignment(uuid(random), client, TITLES.get((client.index() + a) % TITLES.size()), firstDay));
            }
        }
        entrySeed = random.nextLong();
    }

    public Scale scale() {
        return scale;
    }

    public LocalDate today() {
        return today;
    }

    public List<Person> therapists() {
        return therapists;
    }

    public List<Client> clients() {
        return clients;
    }

    public List<Assignment> assignments() {
        return assignments;
    }

    /** The clients of one therapist, in index order. */
    public List<Client> caseload(Person therapist) {
        return clients.stream().filter(c -> c.therapistId().equals(therapist.id())).toList();
    }

    /** The assignment's due time on a day, as its occurrence key (local time, minutes). */
    public static String occurrenceKey(LocalDate day) {
        return day + "T09:00";
    }

    /**
     * Which of the last loggedDays days (counted back from yesterday) have an entry, for each assignment in order:
     * a partial Fisher-Yates shuffle per assignment from one generator, so the choice is the same on every run.
     */
    public void forEachEntry(EntrySink sink) {
        Random random = new Random(entrySeed);
        int[] days = new int[scale.loggedDays()];
        for (Assignment assignment : assignments) {
            for (int i = 0; i < days.length; i++) {
                days[i] = i + 1;
            }
            for (int i = 0; i < scale.entriesPerAssignment(); i++) {
                int pick = i + random.nextInt(days.length - i);
                int daysAgo = days[pick];
                days[pick] = days[i];
                days[i] = daysAgo;
                sink.entry(assignment, today.minusDays(daysAgo), uuid(random), random.nextInt(10));
            }
        }
    }

    /** Days with no entry that no seeded entry can take: from the first day up to the logged window, oldest first. */
    public List<LocalDate> openDays() {
        List<LocalDate> open = new ArrayList<>();
        for (LocalDate day = today.minusDays(scale.scheduleDays()); day.isBefore(today.minusDays(scale.loggedDays())); day = day.plusDays(1)) {
            open.add(day);
        }
        return open;
    }

    public interface EntrySink {
        /** @param roll 0-9, for the entry's status (and the like) */
        void entry(Assignment assignment, LocalDate day, UUID entryId, int roll);
    }

    /** A random (version 4) UUID from the seeded generator. */
    static UUID uuid(Random random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
