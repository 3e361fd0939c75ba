package org.intersession.platform.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An alert rule an entry met: the field's key and label, the value answered (as in the answers map), the rule, and the
 * rule's message for the therapist, absent when the rule has none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TriggeredAlert(String fieldKey, String label, Object value, AlertRule rule, String message) {
}
