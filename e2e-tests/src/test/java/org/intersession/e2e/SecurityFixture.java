package org.intersession.e2e;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.intersession.launcher.Stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Everyone the security suite calls as, and clinic A's records they aim at, all made through the gateway once per
 * JVM. Clinic A has an admin, a therapist with client C in their care team, a therapist outside it, and a second
 * client; clinic B has only its admin. Each actor calls from its own loopback address, as separate callers on
 * separate hosts would, so the gateway's per-address budgets (auth: 30 a minute in production) apply to each.
 */
final class SecurityFixture {

    /** The columns of the role matrix, in its order. */
    enum Actor {
        ANONYMOUS, OPERATOR, ADMIN, THERAPIST, OUTSIDER, CLIENT, OTHER_ADMIN, API_ALL, API_MIN;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Every scope an API client can hold; API_MIN holds only the one no operation here needs. */
    static final List<String> ALL_SCOPES = List.of("assignments:read", "assignments:write", "progress:read", "users:read",
            "users:write", "care-teams:write", "webhooks:write", "templates:write", "reviews:read");
    static final String MIN_SCOPE = "webhooks:write";

    private static final HttpClient STREAMS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static SecurityFixture instance;

    final String gateway;
    final UUID clinicId;
    final ClinicApi.Person admin;
    final ClinicApi.Person therapist;
    final ClinicApi.Person outsider;
    final ClinicApi.Person client;
    final ClinicApi.Person otherClient;
    final ClinicApi.Person otherAdmin;
    final String operatorToken;
    final String apiAllToken;
    final String apiMinToken;
    final String apiMinClientId;
    final String apiMinSecret;
    final LocalDate scheduleStart;
    final String assignmentTitle = "Thought record " + UUID.randomUUID();
    final String therapistNote = "therapist-only note " + UUID.randomUUID();
    final String privateNote = "client-private note " + UUID.randomUUID();
    UUID assignmentId;
    UUID entryId;
    UUID templateId;
    UUID notificationId;
    private final Map<Actor, String> tokens = new EnumMap<>(Actor.class);
    private final AtomicInteger nextOccurrence = new AtomicInteger(1);
    private final AtomicInteger nextSessionDay = new AtomicInteger(1);

    private SecurityFixture(RunningStack platform) {
        gateway = platform.gatewayUrl().replace("localhost", "127.0.0.1");
        ClinicApi clinicA = ClinicApi.newClinic(platform);
        clinicId = clinicA.id();
        admin = clinicA.admin();
        therapist = clinicA.therapist();
        outsider = clinicA.therapist();
        client = clinicA.client("Europe/Berlin");
        otherClient = clinicA.client("Europe/Berlin");
        clinicA.link(client, therapist);
        otherAdmin = ClinicApi.newClinic(platform).admin();
        operatorToken = given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("email", Stack.OPERATOR_EMAIL, "password", RunningStack.OPERATOR_PASSWORD))
                .when().post("/api/v1/auth/login").then().statusCode(200).extract().path("access_token");
        JsonPath all = apiClient(ALL_SCOPES);
        apiAllToken = clientCredentials(all.getString("apiClient.clientId"), all.getString("clientSecret"));
        JsonPath min = apiClient(List.of(MIN_SCOPE));
        apiMinClientId = min.getString("apiClient.clientId");
        apiMinSecret = min.getString("clientSecret");
        apiMinToken = clientCredentials(apiMinClientId, apiMinSecret);
        tokens.put(Actor.OPERATOR, operatorToken);
        tokens.put(Actor.ADMIN, admin.token());
        tokens.put(Actor.THERAPIST, therapist.token());
        tokens.put(Actor.OUTSIDER, outsider.token());
        tokens.put(Actor.CLIENT, client.token());
        tokens.put(Actor.OTHER_ADMIN, otherAdmin.token());
        tokens.put(Actor.API_ALL, apiAllToken);
        tokens.put(Actor.API_MIN, apiMinToken);
        scheduleStart = LocalDate.now(ZoneId.of("Europe/Berlin")).minusDays(5);
        makeRecords();
    }

    static synchronized SecurityFixture get() {
        if (instance == null) {
            instance = new SecurityFixture(RunningStack.get());
        }
        return instance;
    }

    /** A request as this actor, from the actor's own loopback address. */
    RequestSpecification as(Actor actor) {
        RequestSpecification spec = given().baseUri(gateway).config(fromAddress(10 + actor.ordinal()));
        String token = tokens.get(actor);
        return token == null ? spec : spec.auth().oauth2(token);
    }

    /**
     * What a server-sent event stream answers: its status and content type once the headers arrive (the stream is
     * then closed), or the whole problem body of a refusal. java.net.http, because REST Assured waits for the end.
     */
    Answer stream(Actor actor, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/event-stream");
        if (tokens.containsKey(actor)) {
            request.header("Authorization", "Bearer " + tokens.get(actor));
        }
        try {
            HttpResponse<InputStream> response = STREAMS.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                String contentType = response.headers().firstValue("Content-Type").orElse("");
                String text = contentType.startsWith("text/event-stream") ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), contentType, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer's status, content type and body, however it was fetched. */
    record Answer(int status, String contentType, String body) {
        static Answer of(Response response) {
            return new Answer(response.statusCode(), String.valueOf(response.contentType()), response.asString());
        }
    }

    RequestSpecification as(ClinicApi.Person person) {
        return given().baseUri(gateway).auth().oauth2(person.token());
    }

    /**
     * A request written byte for byte, as a hostile client would send it, from {@code actor}'s own address and with its
     * token: only the headers given (no Content-Type unless one is), and the body exactly as given.
     */
    Answer raw(Actor actor, String method, String path, Map<String, String> headers, byte[] body) {
        URI base = URI.create(gateway);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + base.getAuthority()
                + "\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n");
        if (tokens.get(actor) != null) {
            head.append("Authorization: Bearer ").append(tokens.get(actor)).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        try (Socket socket = new Socket(base.getHost(), base.getPort(), InetAddress.getByName("127.0.0." + (10 + actor.ordinal())), 0)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String type = answer.substring(0, end).lines().filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(line -> line.substring(13).trim()).findFirst().orElse("");
            return new Answer(Integer.parseInt(answer.substring(9, 12)), type, answer.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An anonymous request from an address no actor uses, for spending a whole rate-limit budget. */
    RequestSpecification fromSpareAddress() {
        return given().baseUri(gateway).config(fromAddress(40));
    }

    private static RestAssuredConfig fromAddress(int lastOctet) {
        try {
            InetAddress local = InetAddress.getByName("127.0.0." + lastOctet);
            return RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.route.local-address", local));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private void makeRecords() {
        // assignment-service learns of the care team from the gateway's events
        assignmentId = await().atMost(Duration.ofSeconds(60)).until(() -> newAssignmentResponse(), r -> r.statusCode() == 201)
                .then().extract().jsonPath().getUUID("id");
        // progress-service learns of the assignment from assignment-service's events
        entryId = UUID.randomUUID();
        await().atMost(Duration.ofSeconds(60)).until(() -> as(client).contentType(ContentType.JSON)
                .body(Map.of("id", entryId, "assignmentId", assignmentId, "status", "DONE",
                        "occurrenceKey", occurrenceKey(0), "note", privateNote, "notePrivate", true))
                .when().post("/api/v1/progress-entries").statusCode(), status -> status == 201);
        templateId = as(therapist).contentType(ContentType.JSON).body(templateBody("Clinic template"))
                .when().post("/api/v1/templates").then().statusCode(201).extract().jsonPath().getUUID("id");
        as(therapist).contentType(ContentType.JSON).body(reviewBody(LocalDate.now().minusDays(1)))
                .when().post("/api/v1/reviews").then().statusCode(201);
        notificationId = await().atMost(Duration.ofSeconds(60)).until(() -> as(client).when().get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class), ids -> !ids.isEmpty())
                .stream().map(UUID::fromString).findFirst().orElseThrow();
    }

    // ---- fresh records, for calls that change or use up what they act on ----

    Response newAssignmentResponse() {
        return as(therapist).contentType(ContentType.JSON).body(assignmentBody(null)).when().post("/api/v1/assignments");
    }

    UUID newAssignment() {
        return newAssignmentResponse().then().statusCode(201).extract().jsonPath().getUUID("id");
    }

    UUID pausedAssignment() {
        UUID id = newAssignment();
        as(therapist).when().post("/api/v1/assignments/{id}/pause", id).then().statusCode(200);
        return id;
    }

    /** A client invited into clinic A who has not accepted yet; returns its id and invitation token. */
    Map.Entry<UUID, String> invitedClient() {
        JsonPath created = as(admin).contentType(ContentType.JSON)
                .body(Map.of("email", "invited-" + UUID.randomUUID() + "@clinic.test", "displayName", "Invited",
                        "role", "CLIENT", "profile", Map.of("timeZone", "Europe/Berlin")))
                .when().post("/api/v1/users").then().statusCode(201).extract().jsonPath();
        return Map.entry(created.getUUID("user.id"), created.getString("invitationToken"));
    }

    UUID linkedInvitedClient() {
        UUID id = invitedClient().getKey();
        as(admin).when().put("/api/v1/clients/{c}/care-team/{t}", id, therapist.id()).then().statusCode(201);
        return id;
    }

    UUID newTemplate() {
        return as(therapist).contentType(ContentType.JSON).body(templateBody("Fresh template"))
                .when().post("/api/v1/templates").then().statusCode(201).extract().jsonPath().getUUID("id");
    }

    /** Clinic A's webhook endpoint, at the address the e2e platform lets through its SSRF guard. */
    Map<String, Object> webhookBody(String description) {
        return Map.of("url", "http://127.0.0.2:9/intersession", "eventTypes", List.of("org.intersession.progress.flagged.v1"),
                "description", description);
    }

    UUID newWebhook() {
        return as(admin).contentType(ContentType.JSON).body(webhookBody("fresh"))
                .when().post("/api/v1/webhook-endpoints").then().statusCode(201).extract().jsonPath().getUUID("id");
    }

    UUID newApiClient() {
        return apiClient(List.of("users:read")).getUUID("apiClient.id");
    }

    String etag(ClinicApi.Person reader, String path, Object id) {
        return as(reader).when().get(path, id).then().statusCode(200).extract().header("ETag");
    }

    // ---- well-formed bodies ----

    /** For client C; {@code therapistId} only when an API client assigns on a therapist's behalf. */
    Map<String, Object> assignmentBody(UUID therapistId) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", client.id());
        if (therapistId != null) {
            body.put("therapistId", therapistId);
        }
        body.put("title", assignmentTitle);
        body.put("rationale", "Catching automatic thoughts is the first step to testing them.");
        body.put("schedule", Map.of("type", "RECURRING", "start", scheduleStart + "T20:00", "rrule", "FREQ=DAILY"));
        return body;
    }

    Map<String, Object> templateBody(String title) {
        return Map.of("title", title, "category", "thought-records", "schema", Map.of("fields", List.of(
                Map.of("key", "feeling", "label", "How strong was the feeling?", "type", "scale", "min", 0, "max", 10))));
    }

    Map<String, Object> reviewBody(LocalDate sessionDate) {
        return Map.of("clientId", client.id(), "sessionDate", sessionDate.toString(), "items", List.of(Map.of(
                "assignmentId", assignmentId, "quantity", 3, "quality", 3, "helped", "YES", "decision", "CONTINUE",
                "therapistNotes", therapistNote)));
    }

    LocalDate nextSessionDate() {
        return LocalDate.now().plusDays(nextSessionDay.getAndIncrement());
    }

    /** The key of an occurrence of the shared assignment; each number once. */
    String occurrenceKey(int day) {
        return scheduleStart.plusDays(day) + "T20:00";
    }

    String unusedOccurrenceKey() {
        return occurrenceKey(nextOccurrence.getAndIncrement());
    }

    private JsonPath apiClient(List<String> scopes) {
        return as(admin).contentType(ContentType.JSON).body(Map.of("name", "Clinic app " + UUID.randomUUID(), "scopes", scopes))
                .when().post("/api/v1/api-clients").then().statusCode(201).extract().jsonPath();
    }

    private String clientCredentials(String clientId, String secret) {
        return given().baseUri(gateway).contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId).formParam("client_secret", secret)
                .when().post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
    }
}
