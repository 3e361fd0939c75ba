package org.intersession.e2e;

import io.restassured.path.json.JsonPath;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The homework week on a self-hosted stack, the one deploy/compose-test starts with Docker Compose, through its
 * published gateway port only. The invited people take their codes from the emails the stack sent to its SMTP
 * server, and the clinic's webhook endpoint is a container on the stack's network; both keep what they received in
 * a folder ({@link SinkFolder}). What the week made is written to a state file, so that the later commands can
 * check, after each restart, outage and restore, that all of it is still there: nothing lost, nothing twice.
 *
 * <pre>
 * SelfHostedWeek week|check|log-while-kafka-is-down GATEWAY_URL SINKS_FOLDER WEBHOOK_URL STATE_FILE
 * </pre>
 * with the operator's password in {@code INTERSESSION_OPERATOR_PASSWORD}. It exits 0 when every check passed.
 */
public final class SelfHostedWeek {

    private static final Duration EVENTS_IN_FLIGHT = Duration.ofMinutes(3);

    private final String gateway;
    private final SinkFolder sinks;
    private final Path stateFile;
    private final Properties state = new Properties();

    private SelfHostedWeek(String gateway, SinkFolder sinks, Path stateFile) {
        this.gateway = gateway;
        this.sinks = sinks;
        this.stateFile = stateFile;
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: SelfHostedWeek week|check|log-while-kafka-is-down GATEWAY_URL SINKS_FOLDER WEBHOOK_URL STATE_FILE");
            System.exit(2);
        }
        SelfHostedWeek week = new SelfHostedWeek(args[1], new SinkFolder(Path.of(args[2]), args[3]), Path.of(args[4]));
        try {
            switch (args[0]) {
                case "week" -> week.runTheWeek(System.getenv("INTERSESSION_OPERATOR_PASSWORD"));
                case "check" -> week.check();
                case "log-while-kafka-is-down" -> week.logWhileKafkaIsDown();
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
            System.exit(0);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private void runTheWeek(String operatorPassword) throws IOException {
        HomeworkWeek.Outcome week = new HomeworkWeek(gateway, operatorPassword, sinks::invitationCode).run(sinks);
        state.setProperty("clinicId", week.clinic().id().toString());
        put("admin", week.clinic().admin());
        put("therapist", week.therapist());
        put("client", week.client());
        state.setProperty("assignmentId", week.assignmentId());
        state.setProperty("webhookId", week.webhookId());
        state.setProperty("webhookSecret", week.webhookSecret());
        state.setProperty("firstDay", week.firstDay().toString());
        state.setProperty("lastDay", week.lastDay().toString());
        state.setProperty("openOccurrenceKey", week.openOccurrenceKey());
        // five completions, one of them flagged; the flag was delivered once and replayed once
        state.setProperty("intensities", "70,65,60,95,40");
        state.setProperty("flags", "1");
        state.setProperty("deliveries", "2");
        save();
        System.out.println("week: a clinic, a therapist and a client (invited by email), a daily thought record logged for a week, "
                + "5 of 7 done, the therapist told of 5 completions and 1 flag, the flag signed to the webhook endpoint");
    }

    /** The open eighth day is logged, done and flagged, while the broker is away: the entry is kept, its events wait. */
    private void logWhileKafkaIsDown() throws IOException {
        load();
        ClinicApi.Person client = person("client");
        HomeworkWeek.logTheOpenDayFlagged(clinic(person("admin")), client, state.getProperty("assignmentId"),
                state.getProperty("openOccurrenceKey"));
        state.setProperty("intensities", state.getProperty("intensities") + ",95");
        state.setProperty("flags", String.valueOf(count("flags") + 1));
        state.setProperty("deliveries", String.valueOf(count("deliveries") + 1));
        save();
        System.out.println("logged the open day (done, flagged) while Kafka was down: accepted");
    }

    private void check() throws IOException {
        load();
        ClinicApi.Person admin = person("admin");
        ClinicApi.Person therapist = person("therapist");
        ClinicApi.Person client = person("client");
        ClinicApi clinic = clinic(admin);
        String assignmentId = state.getProperty("assignmentId");
        List<Float> intensities = List.of(state.getProperty("intensities").split(",")).stream().map(Float::valueOf).toList();
        int flags = count("flags");

        // events still in flight (after an outage) arrive within the bound; from then on the counts are exact
        await().atMost(EVENTS_IN_FLIGHT).untilAsserted(() -> assertEquals(
                Map.of("progress.recorded/NORMAL", intensities.size(), "progress.flagged/HIGH", flags),
                HomeworkWeek.kinds(clinic, therapist), "the therapist's inbox"));
        Map<String, Integer> clientInbox = HomeworkWeek.kinds(clinic, client);
        assertEquals(1, clientInbox.get("assignment.created/NORMAL"), clientInbox.toString());
        // the eighth day's reminder (at most one a day) may have been sent before it was logged
        assertTrue(clientInbox.getOrDefault("reminder/NORMAL", 0) <= 1, clientInbox.toString());
        assertEquals(clientInbox.size(), clientInbox.containsKey("reminder/NORMAL") ? 2 : 1, clientInbox.toString());

        // every entry once: the intensities the client logged, in order
        JsonPath trends = clinic.as(therapist).when().get("/api/v1/trends/assignments/{id}", assignmentId)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(intensities, trends.getList("find { it.key == 'answers.intensity' }.points.value"));
        HomeworkWeek.adherenceIsFiveOfSeven(clinic, therapist, assignmentId,
                LocalDate.parse(state.getProperty("firstDay")), LocalDate.parse(state.getProperty("lastDay")));
        clinic.as(client).when().get("/api/v1/assignments/{id}", assignmentId).then().statusCode(200)
                .body("instructions", equalTo("Fill it in on the morning commute, about the evening before."));
        clinic.as(therapist).when().get("/api/v1/clients/{id}/pre-session-summary", client.id())
                .then().statusCode(200).body("sinceLastReview", equalTo(true));

        // each flag delivered once to the endpoint (and the first one replayed once), every delivery signed
        clinic.as(admin).when().get("/api/v1/webhook-endpoints/{id}/deliveries", state.getProperty("webhookId"))
                .then().statusCode(200).body("items", hasSize(flags)).body("items.status", everyItem(equalTo("SUCCEEDED")));
        await().atMost(EVENTS_IN_FLIGHT).until(() -> sinks.deliveries().size() >= count("deliveries"));
        List<WebhookReceiver.Delivery> deliveries = sinks.deliveries();
        assertEquals(count("deliveries"), deliveries.size(), "webhook deliveries received");
        assertEquals(flags, deliveries.stream().map(WebhookReceiver.Delivery::id).distinct().count(), "distinct webhook-ids");
        assertTrue(deliveries.stream().allMatch(d -> WebhookReceiver.signedWith(d, state.getProperty("webhookSecret"))));

        // one invitation email per person, never sent again
        for (ClinicApi.Person person : List.of(admin, therapist, client)) {
            assertEquals(1, sinks.mailTo(person.email()).stream()
                    .filter(m -> SinkFolder.subject(m).equals("Your invitation to Intersession")).count(), person.email());
        }
        System.out.println("check: every entry (" + intensities.size() + "), notification, flag (" + flags
                + ") and webhook delivery (" + deliveries.size() + ") is there once");
    }

    private ClinicApi clinic(ClinicApi.Person admin) {
        return new ClinicApi(gateway, UUID.fromString(state.getProperty("clinicId")), admin, ClinicApi.Invitations.FROM_ANSWER);
    }

    private ClinicApi.Person person(String role) {
        return ClinicApi.loginAgain(gateway, UUID.fromString(state.getProperty(role + ".id")), state.getProperty(role + ".email"));
    }

    private void put(String role, ClinicApi.Person person) {
        state.setProperty(role + ".id", person.id().toString());
        state.setProperty(role + ".email", person.email());
    }

    private int count(String key) {
        return Integer.parseInt(state.getProperty(key));
    }

    private void load() throws IOException {
        try (Reader reader = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
            state.load(reader);
        }
    }

    private void save() throws IOException {
        try (Writer writer = Files.newBufferedWriter(stateFile, StandardCharsets.UTF_8)) {
            state.store(writer, "what the self-hosted homework week made");
        }
    }
}
