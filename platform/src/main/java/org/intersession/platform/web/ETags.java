package org.intersession.platform.web;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.problem.Problem;

import java.net.URI;
import java.util.List;

/**
 * The one ETag/If-Match convention of every mutable resource: a strong ETag made from the row's version counter
 * (RFC 9110 §8.8.3), sent on every answer of a single resource; a change or delete needs If-Match with it, a 428 without
 * (RFC 6585 §3) and a 412 when stale (RFC 9110 §13.1.1). The row's {@code @Version} also catches a change made between
 * the check and the commit (a 412 through {@link org.intersession.platform.problem.ProblemMappers}).
 */
public final class ETags {

    public static final String IF_MATCH = "If-Match";

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The header value, quotes included, as a client sends it back in If-Match. */
    public static String value(long version) {
        return "\"" + version + "\"";
    }

    /** 200 with the resource and its ETag. */
    public static Response ok(Versioned<?> resource) {
        return Response.ok(resource.body()).tag(of(resource.version())).build();
    }

    /** 201 with Location, the resource and its ETag. */
    public static Response created(URI location, Versioned<?> resource) {
        return Response.created(location).entity(resource.body()).tag(of(resource.version())).build();
    }

    /**
     * The caller's copy of {@code what} must be the current one: If-Match absent is a 428, not matching a 412.
     * {@code *} matches any current version; weak tags never match (strong comparison).
     */
    public static void requireMatch(String ifMatch, long currentVersion, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiProblemException(428, "Send If-Match with the ETag of the " + what + " you are changing",
                    List.of(new Problem.FieldError(IF_MATCH, "is required: the ETag from your last read")));
        }
        if (!matches(ifMatch, currentVersion)) {
            throw stale(what);
        }
    }

    /**
     * For a singleton that is written by an upsert (its defaults answered until it is first stored): the first write
     * needs no If-Match, since there was nothing of the caller's to have read; every later one does. An If-Match that
     * is sent is always checked.
     */
    public static void requireMatchOnceStored(String ifMatch, long currentVersion, boolean stored, String what) {
        if (stored || (ifMatch != null && !ifMatch.isBlank())) {
            requireMatch(ifMatch, currentVersion, what);
        }
    }

    public static ApiProblemException stale(String what) {
        return new ApiProblemException(412, "The " + what + " changed since you read it; read it again and retry",
                List.of(new Problem.FieldError(IF_MATCH, "does not match the current ETag")));
    }

    static boolean matches(String ifMatch, long currentVersion) {
        String current = value(currentVersion);
        for (String tag : ifMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || candidate.equals(current)) {
                return true;
            }
        }
        return false;
    }
}
