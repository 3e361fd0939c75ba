package org.intersession.platform.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The one event envelope of Intersession: CloudEvents 1.0 in its JSON format.
 * Context attributes carry no personal or clinical data (intermediaries may log them); that lives in {@code data}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String id,
        String source,
        String specversion,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    /** The attributes CloudEvents 1.0 requires; a consumer refuses an envelope without them. */
    public CloudEvent {
        requirePresent(id, "id");
        requirePresent(source, "source");
        requirePresent(type, "type");
        if (!SPEC_VERSION.equals(specversion)) {
            throw new MalformedEventException("specversion must be " + SPEC_VERSION + ", was " + specversion);
        }
    }

    private static void requirePresent(String value, String attribute) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("CloudEvent attribute '" + attribute + "' is missing");
        }
    }

    /**
     * The clinic the event concerns: every Intersession payload names it ({@code data.clinicId}); empty for one that
     * concerns no clinic. A consumer handles the event for this clinic only.
     */
    @JsonIgnore
    public Optional<UUID> clinicId() {
        JsonNode clinic = data == null ? null : data.get("clinicId");
        if (clinic == null || clinic.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(clinic.asText()));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("data.clinicId is not a UUID");
        }
    }

    public boolean hasType(String expected) {
        return Objects.equals(type, expected);
    }
}
