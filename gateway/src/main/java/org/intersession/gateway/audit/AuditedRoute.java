package org.intersession.gateway.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What one request on a client-data route is, for the audit trail: its action, the type of resource, the resource
 * itself (its path below {@code /api/v1/}, ids included) and the client named in the path, if any.
 */
public record AuditedRoute(AuditAction action, String resourceType, String resource, UUID clientInPath) {

    static final int MAX_RESOURCE = 300;
    static final int MAX_RESOURCE_TYPE = 64;
    private static final String PREFIX = "/api/v1/";

    /** The gateway's own routes that hold client data: users (with client profiles) and care teams. */
    private static final List<Pattern> GATEWAY_CLIENT_DATA = List.of(
            Pattern.compile("/api/v1/users(/.*)?"),
            Pattern.compile("/api/v1/clients/[^/]+/care-team(/.*)?"));

    /** Path segments naming a collection, or a changes feed ({@code sync}): a GET lists it, a POST creates in it. */
    private static final Set<String> COLLECTIONS = Set.of("assignments", "reviews", "templates", "progress-entries",
            "notifications", "users", "occurrences", "versions", "caseload", "sync");
    private static final Set<String> CREATABLE = Set.of("assignments", "reviews", "templates", "progress-entries", "users");

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("assignments", "assignment"),
            Map.entry("reviews", "review"),
            Map.entry("templates", "template"),
            Map.entry("progress-entries", "progress-entry"),
            Map.entry("occurrences", "occurrence"),
            Map.entry("adherence", "adherence"),
            Map.entry("trends", "trend"),
            Map.entry("pre-session-summary", "summary"),
            Map.entry("notifications", "notification"),
            Map.entry("notification-preferences", "notification-preference"),
            Map.entry("users", "user"),
            Map.entry("care-team", "care-team"));

    public static boolean isGatewayClientData(String path) {
        return GATEWAY_CLIENT_DATA.stream().anyMatch(p -> p.matcher(path).matches());
    }

    public static AuditedRoute of(String method, String path) {
        String below = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
        while (below.endsWith("/")) {
            below = below.substring(0, below.length() - 1);
        }
        String[] segments = below.split("/");
        UUID client = null;
        String typeSegment = segments[0];
        if (segments[0].equals("clients") && segments.length > 1) {
            client = uuid(segments[1]).orElse(null);
            typeSegment = segments.length > 2 ? segments[2] : "clients";
        }
        String type = TYPES.getOrDefault(typeSegment, cap(typeSegment, MAX_RESOURCE_TYPE));
        String last = segments[segments.length - 1];
        return new AuditedRoute(action(method, last), type, cap(below, MAX_RESOURCE), client);
    }

    private static AuditAction action(String method, String last) {
        return switch (method) {
            case "GET", "HEAD" -> COLLECTIONS.contains(last) ? AuditAction.LIST : AuditAction.READ;
            case "POST" -> CREATABLE.contains(last) ? AuditAction.CREATE : AuditAction.UPDATE;
            case "PUT", "PATCH" -> AuditAction.UPDATE;
            case "DELETE" -> AuditAction.DELETE;
            default -> AuditAction.READ;
        };
    }

    static Optional<UUID> uuid(String value) {
        if (value == null || value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String cap(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
