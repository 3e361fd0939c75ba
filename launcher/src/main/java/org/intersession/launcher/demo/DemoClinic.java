package org.intersession.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.intersession.launcher.Launcher;
import org.intersession.launcher.Stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./intersession up --demo}: a demo clinic made through the public API only, as a clinic app would make it:
 * an admin, two therapists, five clients with care teams, homework from the built-in templates started three weeks
 * ago, and three weeks of progress (done, partly done, skipped with reasons, missed, one flagged answer), each sent
 * with when the client did it, as an app that syncs later would, so most are on time and some late; plus one
 * session review. Seeded once: the logins are kept in {@code .intersession/demo-logins.txt}, and a
 * second run only prints them.
 */
public final class DemoClinic {

    static final String LOGINS_FILE = "demo-logins.txt";
    static final int DAYS = 21;
    private static final Duration EVENTUAL = Duration.ofSeconds(90);

    private record Person(String name, String email, String role, String timeZone, DemoWeeks.Habit habit) {
    }

    private record Homework(String client, String template, String rrule, LocalTime at, String flagField, int flagDay) {
    }

    private static final List<Person> THERAPISTS = List.of(
            new Person("Dr. Maya Lindqvist", "maya@lakeside.demo", "THERAPIST", null, null),
            new Person("Dr. Sam Okafor", "sam@lakeside.demo", "THERAPIST", null, null));

    private static final List<Person> CLIENTS = List.of(
            new Person("Jordan Lee", "jordan@lakeside.demo", "CLIENT", "Europe/London", DemoWeeks.Habit.STEADY),
            new Person("Riley Chen", "riley@lakeside.demo", "CLIENT", "America/New_York", DemoWeeks.Habit.IMPROVING),
            new Person("Casey Novak", "casey@lakeside.demo", "CLIENT", "Europe/Berlin", DemoWeeks.Habit.SLIPPING),
            new Person("Priya Shah", "priya@lakeside.demo", "CLIENT", "Asia/Kolkata", DemoWeeks.Habit.STEADY),
            new Person("Tom Becker", "tom@lakeside.demo", "CLIENT", "Europe/Berlin", DemoWeeks.Habit.IMPROVING));

    /** Jordan, Riley and Casey see Maya; Priya and Tom see Sam. */
    private static final Map<String, String> CARE_TEAMS = Map.of(
            "jordan@lakeside.demo", "maya@lakeside.demo", "riley@lakeside.demo", "maya@lakeside.demo",
            "casey@lakeside.demo", "maya@lakeside.demo", "priya@lakeside.demo", "sam@lakeside.demo",
            "tom@lakeside.demo", "sam@lakeside.demo");

    private static final List<Homework> HOMEWORK = List.of(
            new Homework("jordan@lakeside.demo", "cbt-thought-record", "FREQ=DAILY", LocalTime.of(20, 0), null, -1),
            new Homework("jordan@lakeside.demo", "graded-exposure", "FREQ=WEEKLY;BYDAY=TU,SA", LocalTime.of(10, 0), null, -1),
            new Homework("riley@lakeside.demo", "dbt-diary-card", "FREQ=DAILY", LocalTime.of(21, 0), "self_harm_urge", 16),
            new Homework("riley@lakeside.demo", "mindfulness-practice", "FREQ=DAILY", LocalTime.of(8, 0), null, -1),
            new Homework("casey@lakeside.demo", "cbt-thought-record", "FREQ=DAILY", LocalTime.of(19, 0), null, -1),
            new Homework("casey@lakeside.demo", "behavioural-activation-log", "FREQ=DAILY", LocalTime.of(18, 0), null, -1),
            new Homework("priya@lakeside.demo", "sleep-diary", "FREQ=DAILY", LocalTime.of(8, 0), null, -1),
            new Homework("tom@lakeside.demo", "graded-exposure", "FREQ=WEEKLY;BYDAY=MO,WE,FR", LocalTime.of(17, 0), null, -1),
            new Homework("tom@lakeside.demo", "mindfulness-practice", "FREQ=DAILY", LocalTime.of(7, 30), null, -1));

    private static final String CLINIC_NAME = "Lakeside Therapy (demo)";

    private final GatewayClient api;
    private final String gateway;
    private final Path data;
    private final String operatorPassword;
    private final PrintStream out;

    public DemoClinic(String gateway, Path data, String operatorPassword, PrintStream out) {
        this.api = new GatewayClient(gateway);
        this.gateway = gateway;
        this.data = data;
        this.operatorPassword = operatorPassword;
        this.out = out;
    }

    /** Whether an earlier run created the demo clinic (accounts are per clinic, so a second one would be no conflict). */
    private boolean demoClinicExists(String operator) throws IOException {
        String cursor = null;
        do {
            JsonNode page = api.expect(200, "GET", "/api/v1/clinics?limit=100" + (cursor == null ? ""
                    : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)), operator, null);
            for (JsonNode clinic : page.path("items")) {
                if (CLINIC_NAME.equals(clinic.path("name").asText())) {
                    return true;
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return false;
    }

    public void seed() throws IOException {
        Path logins = data.resolve(LOGINS_FILE);
        if (Files.exists(logins)) {
            out.println("The demo clinic was seeded before; its logins:");
            out.print(Files.readString(logins, StandardCharsets.UTF_8));
            return;
        }
        long started = System.nanoTime();
        out.println("Seeding the demo clinic through the API ...");
        String password = "demo-" + random(12);
        String operator = api.expect(200, "POST", "/api/v1/auth/login", null,
                Map.of("email", Stack.OPERATOR_EMAIL, "password", operatorPassword)).path("access_token").asText();
        if (demoClinicExists(operator)) {
            out.println("A demo clinic was partly seeded by an earlier run that did not finish; remove .intersession/ to start afresh.");
            return;
        }
        GatewayClient.Reply clinic = api.call("POST", "/api/v1/clinics", operator, Map.of("name", CLINIC_NAME,
                "admin", Map.of("email", "admin@lakeside.demo", "displayName", "Alex Morgan")));
        if (clinic.status() != 201) {
            throw new IOException("creating the demo clinic answered " + clinic.status() + ": " + clinic.body());
        }
        String admin = accept(clinic.body().path("admin").path("invitationToken").asText(), password);

        Map<String, UUID> ids = new HashMap<>();
        Map<String, String> tokens = new HashMap<>();
        for (Person person : concat(THERAPISTS, CLIENTS)) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("email", person.email());
            user.put("displayName", person.name());
            user.put("role", person.role());
            if (person.timeZone() != null) {
                user.put("profile", Map.of("timeZone", person.timeZone()));
            }
            JsonNode created = api.expect(201, "POST", "/api/v1/users", admin, user);
            ids.put(person.email(), UUID.fromString(created.path("user").path("id").asText()));
            tokens.put(person.email(), accept(created.path("invitationToken").asText(), password));
        }
        for (Map.Entry<String, String> link : CARE_TEAMS.entrySet()) {
            api.expect(201, "PUT", "/api/v1/clients/" + ids.get(link.getKey()) + "/care-team/" + ids.get(link.getValue()), admin, null);
        }

        Map<String, JsonNode> templates = templates(tokens.get(THERAPISTS.get(0).email()));
        int entries = 0;
        int homeworkIndex = 0;
        UUID firstOfJordan = null;
        for (Homework homework : HOMEWORK) {
            Person client = CLIENTS.stream().filter(c -> c.email().equals(homework.client())).findFirst().orElseThrow();
            String therapist = tokens.get(CARE_TEAMS.get(client.email()));
            String clientToken = tokens.get(client.email());
            JsonNode template = templates.get(homework.template());
            if (template == null) {
                throw new IOException("no built-in template " + homework.template());
            }
            LocalDate start = LocalDate.now(ZoneId.of(client.timeZone())).minusDays(DAYS);
            Map<String, Object> assignment = new LinkedHashMap<>();
            assignment.put("clientId", ids.get(client.email()));
            assignment.put("templateId", template.path("id").asText());
            assignment.put("rationale", template.path("defaultRationale").asText());
            assignment.put("schedule", Map.of("type", "RECURRING", "start", start.atTime(homework.at()).toString(), "rrule", homework.rrule()));
            assignment.put("reminderPolicy", Map.of("enabled", true, "minutesBefore", 30, "maxPerDay", 2));
            String id = api.eventually(201, "POST", "/api/v1/assignments", therapist, assignment, EVENTUAL).path("id").asText();
            api.expect(200, "POST", "/api/v1/assignments/" + id + "/acknowledge", clientToken, null);
            if (firstOfJordan == null && client == CLIENTS.get(0)) {
                firstOfJordan = UUID.fromString(id);
            }
            entries += logWeeks(id, client, clientToken, template.path("schema").path("fields"), homework, start, homeworkIndex++);
        }
        // Maya saw Jordan a week ago, so Jordan's pre-session summary covers the week since
        api.expect(201, "POST", "/api/v1/reviews", tokens.get(THERAPISTS.get(0).email()), Map.of(
                "clientId", ids.get(CLIENTS.get(0).email()), "sessionDate", LocalDate.now().minusDays(7).toString(),
                "items", List.of(Map.of("assignmentId", firstOfJordan, "quantity", 3, "quality", 3, "helped", "YES",
                        "decision", "CONTINUE", "therapistNotes", "Good progress; keep noticing the evidence against."))));

        StringBuilder text = new StringBuilder();
        text.append("Demo clinic \"" + CLINIC_NAME + "\" at ").append(gateway).append("; every login's password: ")
                .append(password).append(System.lineSeparator());
        text.append(String.format("  %-10s %-22s %s%n", "CLINIC_ADMIN", "admin@lakeside.demo", "Alex Morgan"));
        for (Person person : concat(THERAPISTS, CLIENTS)) {
            text.append(String.format("  %-10s %-22s %s (id %s)%n", person.role(), person.email(), person.name(), ids.get(person.email())));
        }
        text.append("  Log in: POST ").append(gateway).append("/api/v1/auth/login {\"email\":..., \"password\":...}").append(System.lineSeparator());
        Files.writeString(logins, text, StandardCharsets.UTF_8);
        Launcher.ownerOnly(logins);
        out.printf("Seeded %d users, %d assignments and %d progress entries in %.1f s.%n", 1 + THERAPISTS.size() + CLIENTS.size(),
                HOMEWORK.size(), entries, (System.nanoTime() - started) / 1e9);
        out.print(text);
    }

    /**
     * Logs now what the client did with each occurrence whose window has closed, with when they did it
     * ({@code completedAt}); missed ones get no entry.
     */
    private int logWeeks(String assignmentId, Person client, String token, JsonNode fields, Homework homework, LocalDate start,
                         int salt) throws IOException {
        Instant now = Instant.now();
        // progress-service answers occurrences, once the assignment has reached it
        JsonNode occurrences = api.eventually(200, "GET", "/api/v1/assignments/" + assignmentId + "/occurrences?limit=500&from="
                + start.atStartOfDay(ZoneId.of(client.timeZone())).toInstant() + "&to=" + now, token, null, EVENTUAL).path("items");
        int logged = 0;
        for (JsonNode occurrence : occurrences) {
            if (Instant.parse(occurrence.path("windowEnd").asText()).isAfter(now)) {
                continue;
            }
            LocalDate day = LocalDate.parse(occurrence.path("key").asText().substring(0, 10));
            int dayIndex = (int) ChronoUnit.DAYS.between(start, day);
            DemoWeeks.Outcome outcome = DemoWeeks.outcome(client.habit(), dayIndex, DAYS, salt);
            boolean flag = dayIndex == homework.flagDay();
            if (outcome.status() == DemoWeeks.Status.MISSED && !flag) {
                continue;
            }
            String status = flag ? "DONE" : outcome.status().name();
            Instant completedAt = Instant.parse(occurrence.path("dueAt").asText())
                    .plus(DemoWeeks.completedAfterDue(client.habit(), dayIndex, DAYS, salt));
            if (completedAt.isAfter(now)) {
                completedAt = now;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", UUID.randomUUID());
            entry.put("assignmentId", assignmentId);
            entry.put("occurrenceKey", occurrence.path("key").asText());
            entry.put("status", status);
            entry.put("completedAt", completedAt.toString());
            if (status.equals("SKIPPED")) {
                entry.put("skipReason", outcome.skipReason());
                if (outcome.skipReasonText() != null) {
                    entry.put("skipReasonText", outcome.skipReasonText());
                }
            } else {
                double distress = flag ? 0.9 : outcome.distress();
                entry.put("answers", AnswerSheet.answers(fields, distress, flag ? homework.flagField() : null));
                entry.put("moodBefore", (int) Math.round(8 - 6 * distress));
                entry.put("moodAfter", (int) Math.min(10, Math.round(9 - 5 * distress)));
                entry.put("distressBefore", (int) Math.round(20 + 70 * distress));
                entry.put("distressAfter", (int) Math.round(10 + 50 * distress));
                entry.put("minutesSpent", 10 + dayIndex % 4 * 5);
            }
            api.expect(201, "POST", "/api/v1/progress-entries", token, entry);
            logged++;
        }
        return logged;
    }

    private Map<String, JsonNode> templates(String therapist) throws IOException {
        Map<String, JsonNode> bySlug = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = api.expect(200, "GET", "/api/v1/templates?limit=100" + (cursor == null ? "" : "&cursor=" + cursor),
                    therapist, null);
            page.path("items").forEach(t -> bySlug.put(t.path("slug").asText(), t));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return bySlug;
    }

    private String accept(String invitation, String password) throws IOException {
        return api.expect(200, "POST", "/api/v1/auth/accept-invitation", null, Map.of("token", invitation, "password", password))
                .path("access_token").asText();
    }

    private static List<Person> concat(List<Person> a, List<Person> b) {
        List<Person> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String random(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
