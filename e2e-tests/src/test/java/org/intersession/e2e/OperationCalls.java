package org.intersession.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.intersession.e2e.SecurityFixture.Actor;
import org.intersession.e2e.SecurityFixture.Answer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A well-formed request for each documented operation ("METHOD /path" as in the OpenAPI document), aimed at clinic
 * A's records. A call that changes or uses up what it acts on gets a fresh record of its own, so every actor meets
 * the same state. An operation without an entry here fails the suite: a new endpoint needs a request, too.
 */
final class OperationCalls {

    /** One request: path parameters by name, the JSON body if any, and anything else it needs (such as If-Match). */
    record Call(Map<String, Object> pathParams, Object body, Function<RequestSpecification, RequestSpecification> extra) {

        static Call of(Map<String, Object> pathParams) {
            return new Call(pathParams, null, r -> r);
        }

        static Call json(Map<String, Object> pathParams, Object body) {
            return new Call(pathParams, body, r -> r);
        }

        Call with(Function<RequestSpecification, RequestSpecification> more) {
            return new Call(pathParams, body, r -> more.apply(extra.apply(r)));
        }

        Function<RequestSpecification, RequestSpecification> request() {
            return r -> extra.apply(body == null ? r : r.contentType(ContentType.JSON).body(body));
        }
    }

    /** Server-sent event streams, which answer with headers and then stay open. */
    static final Set<String> STREAMS = Set.of("GET /api/v1/notifications/stream");

    private final SecurityFixture f;
    private final Map<String, Function<Actor, Call>> calls = new LinkedHashMap<>();

    OperationCalls(SecurityFixture fixture) {
        this.f = fixture;
        gateway();
        assignments();
        progress();
        notifications();
    }

    boolean knows(String operation) {
        return calls.containsKey(operation);
    }

    Answer call(String operation, Actor actor) {
        if (STREAMS.contains(operation)) {
            return f.stream(actor, operation.substring(operation.indexOf(' ') + 1));
        }
        return Answer.of(call(operation, actor, f.as(actor)));
    }

    /** The request {@code actor} would make, sent with {@code caller}'s credentials. */
    Response call(String operation, Actor actor, RequestSpecification caller) {
        Call call = prepare(operation, actor);
        int space = operation.indexOf(' ');
        String method = operation.substring(0, space);
        String path = operation.substring(space + 1);
        return call.request().apply(caller.pathParams(call.pathParams())).when().request(method, path);
    }

    /** The well-formed request {@code actor} would make, with fresh records made for it where it uses them up. */
    Call prepare(String operation, Actor actor) {
        Function<Actor, Call> factory = calls.get(operation);
        if (factory == null) {
            throw new IllegalStateException("no request is defined for " + operation + "; add one to OperationCalls");
        }
        return factory.apply(actor);
    }

    private void on(String operation, Function<Actor, Call> call) {
        calls.put(operation, call);
    }

    private static Map<String, Object> id(Object id) {
        return Map.of("id", id);
    }

    private void gateway() {
        on("GET /.well-known/jwks.json", a -> Call.of(Map.of()));
        on("GET /openapi", a -> Call.of(Map.of()));
        on("GET /api/v1/api-clients", a -> Call.of(Map.of()));
        on("POST /api/v1/api-clients", a -> Call.json(Map.of(), Map.of("name", "Calendar sync", "scopes", List.of("users:read"))));
        on("DELETE /api/v1/api-clients/{id}", a -> Call.of(id(f.newApiClient())));
        on("POST /api/v1/auth/accept-invitation", a -> Call.json(Map.of(),
                Map.of("token", f.invitedClient().getValue(), "password", ClinicApi.PASSWORD)));
        on("POST /api/v1/auth/login", a -> Call.json(Map.of(), Map.of("email", f.client.email(), "password", ClinicApi.PASSWORD)));
        on("POST /api/v1/auth/logout", a -> Call.json(Map.of(), Map.of("refreshToken", "rt_" + UUID.randomUUID())));
        on("POST /api/v1/auth/token", a -> Call.of(Map.of()).with(r -> r.contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", f.apiMinClientId)
                .formParam("client_secret", f.apiMinSecret)));
        on("PUT /api/v1/clients/{clientId}/care-team/{therapistId}", a ->
                Call.of(Map.of("clientId", f.invitedClient().getKey(), "therapistId", f.therapist.id())));
        on("DELETE /api/v1/clients/{clientId}/care-team/{therapistId}", a ->
                Call.of(Map.of("clientId", f.linkedInvitedClient(), "therapistId", f.therapist.id())));
        on("GET /api/v1/clinics", a -> Call.of(Map.of()));
        on("GET /api/v1/clinics/{id}", a -> Call.of(id(f.clinicId)));
        on("POST /api/v1/clinics", a -> Call.json(Map.of(), Map.of("name", "Hillside Practice",
                "admin", Map.of("email", "admin-" + UUID.randomUUID() + "@clinic.test", "displayName", "Hill Admin"))));
        on("POST /api/v1/signing-keys/rotate", a -> Call.of(Map.of()));
        on("GET /api/v1/users", a -> Call.of(Map.of()));
        on("POST /api/v1/users", a -> Call.json(Map.of(), Map.of("email", "new-" + UUID.randomUUID() + "@clinic.test",
                "displayName", "Nico New", "role", "CLIENT", "profile", Map.of("timeZone", "Europe/Berlin"))));
        on("GET /api/v1/users/{id}", a -> Call.of(id(f.client.id())));
        on("PATCH /api/v1/users/{id}", a -> Call.json(id(f.client.id()), Map.of("displayName", "Casey")).with(r -> r.header("If-Match", "*")));
        on("POST /api/v1/users/{id}/deactivate", a -> Call.of(id(f.invitedClient().getKey())));
        on("POST /api/v1/users/{id}/invitations", a -> Call.of(id(f.invitedClient().getKey())));
    }

    private void assignments() {
        on("GET /api/v1/assignments", a -> Call.of(Map.of()));
        // an API client names the therapist it assigns for; a therapist assigns as themself
        on("POST /api/v1/assignments", a -> Call.json(Map.of(), f.assignmentBody(a.name().startsWith("API") ? f.therapist.id() : null)));
        on("GET /api/v1/assignments/{id}", a -> Call.of(id(f.assignmentId)));
        on("PATCH /api/v1/assignments/{id}", a -> {
            UUID fresh = f.newAssignment();
            String etag = f.etag(f.therapist, "/api/v1/assignments/{id}", fresh);
            return Call.json(id(fresh), Map.of("instructions", "Write it down the same evening.")).with(r -> r.header("If-Match", etag));
        });
        for (String transition : List.of("acknowledge", "pause", "cancel")) {
            on("POST /api/v1/assignments/{id}/" + transition, a -> Call.of(id(f.newAssignment())));
        }
        // only a started (here: paused) assignment can be resumed or completed
        on("POST /api/v1/assignments/{id}/resume", a -> Call.of(id(f.pausedAssignment())));
        on("POST /api/v1/assignments/{id}/complete", a -> Call.of(id(f.pausedAssignment())));
        on("GET /api/v1/assignments/{id}/occurrences", a -> Call.of(id(f.assignmentId)));
        on("GET /api/v1/assignments/sync", a -> Call.of(Map.of()));
        on("POST /api/v1/reviews", a -> Call.json(Map.of(), f.reviewBody(f.nextSessionDate())));
        on("GET /api/v1/clients/{clientId}/reviews", a -> Call.of(Map.of("clientId", f.client.id())));
        on("GET /api/v1/templates", a -> Call.of(Map.of()));
        on("POST /api/v1/templates", a -> Call.json(Map.of(), f.templateBody("Behavioural experiment")));
        on("GET /api/v1/templates/{id}", a -> Call.of(id(f.templateId)));
        on("PUT /api/v1/templates/{id}", a -> Call.json(id(f.newTemplate()), f.templateBody("Behavioural experiment, revised"))
                .with(r -> r.header("If-Match", "*")));
        on("POST /api/v1/templates/{id}/archive", a -> Call.of(id(f.newTemplate())));
        on("GET /api/v1/templates/{id}/versions/{version}", a -> Call.of(Map.of("id", f.templateId, "version", 1)));
    }

    private void progress() {
        on("GET /api/v1/adherence/assignments/{id}", a -> Call.of(id(f.assignmentId)));
        on("GET /api/v1/adherence/caseload", a -> Call.of(Map.of()));
        on("GET /api/v1/adherence/clients/{clientId}", a -> Call.of(Map.of("clientId", f.client.id())));
        on("POST /api/v1/progress-entries", a -> Call.json(Map.of(), Map.of("id", UUID.randomUUID(),
                "assignmentId", f.assignmentId, "status", "DONE", "occurrenceKey", a == Actor.CLIENT ? f.unusedOccurrenceKey() : f.occurrenceKey(1))));
        on("GET /api/v1/progress-entries", a -> Call.of(Map.of()));
        on("GET /api/v1/progress-entries/sync", a -> Call.of(Map.of()));
        on("GET /api/v1/occurrences/sync", a -> Call.of(Map.of()));
        on("GET /api/v1/progress-entries/{id}", a -> Call.of(id(f.entryId)));
        on("PUT /api/v1/progress-entries/{id}", a -> {
            String etag = f.etag(f.client, "/api/v1/progress-entries/{id}", f.entryId);
            Map<String, Object> body = new HashMap<>(Map.of("status", "DONE", "note", f.privateNote, "notePrivate", true));
            return Call.json(id(f.entryId), body).with(r -> r.header("If-Match", etag));
        });
        on("GET /api/v1/trends/assignments/{id}", a -> Call.of(id(f.assignmentId)));
        on("GET /api/v1/clients/{clientId}/pre-session-summary", a -> Call.of(Map.of("clientId", f.client.id())));
    }

    private void notifications() {
        on("GET /api/v1/notification-preferences", a -> Call.of(Map.of()));
        on("PUT /api/v1/notification-preferences", a -> Call.json(Map.of(), Map.of("channels", List.of("IN_APP")))
                .with(r -> r.header("If-Match", "*")));
        on("GET /api/v1/notifications", a -> Call.of(Map.of()));
        on("GET /api/v1/notifications/unread-count", a -> Call.of(Map.of()));
        on("GET /api/v1/notifications/stream", a -> Call.of(Map.of()));
        on("POST /api/v1/notifications/{id}/read", a -> Call.of(id(f.notificationId)));
        webhooks();
    }

    /**
     * Each call gets a fresh endpoint of clinic A, so a delete or a rotation by one actor changes nothing for the next.
     * A replay names a delivery that does not exist: who may replay then meets a 404, who may not a 403 or 401
     * (replaying a real delivery is covered by the notification-service tests).
     */
    private void webhooks() {
        on("GET /api/v1/webhook-endpoints", a -> Call.of(Map.of()));
        on("POST /api/v1/webhook-endpoints", a -> Call.json(Map.of(), f.webhookBody("EHR")));
        on("GET /api/v1/webhook-endpoints/{id}", a -> Call.of(id(f.newWebhook())));
        on("PATCH /api/v1/webhook-endpoints/{id}", a -> Call.json(id(f.newWebhook()), Map.of("description", "EHR, renamed"))
                .with(r -> r.header("If-Match", "*")));
        on("DELETE /api/v1/webhook-endpoints/{id}", a -> Call.of(id(f.newWebhook())).with(r -> r.header("If-Match", "*")));
        on("POST /api/v1/webhook-endpoints/{id}/secret-rotations", a -> Call.of(id(f.newWebhook())));
        on("GET /api/v1/webhook-endpoints/{id}/deliveries", a -> Call.of(id(f.newWebhook())));
        on("POST /api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replays", a ->
                Call.of(Map.of("id", f.newWebhook(), "deliveryId", UUID.randomUUID())));
        on("GET /api/v1/webhook-event-types", a -> Call.of(Map.of()));
        on("GET /api/v1/audit-events", a -> Call.of(Map.of()));
    }
}
