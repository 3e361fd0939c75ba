package org.intersession.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/** An RFC 9457 problem details body, with the offending fields of a validation error. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://intersession.org/problems/";

    public static Problem of(int status, String title, String detail, String instance) {
        return new Problem(typeFor(status), title, status, detail, instance, List.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
    }

    /** Stable, documented type URIs per status (RFC 9457 §3.1.1); "about:blank" would tell a client less. */
    static URI typeFor(int status) {
        String name = switch (status) {
            case 400 -> "invalid-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 412 -> "precondition-failed";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable";
            case 428 -> "precondition-required";
            case 429 -> "too-many-requests";
            case 431 -> "headers-too-large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal-error" : "client-error";
        };
        return URI.create(TYPE_BASE + name);
    }

    /** One offending input: a JSON path or parameter name, and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
