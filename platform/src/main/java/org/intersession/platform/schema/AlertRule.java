package org.intersession.platform.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * "Tell the therapist when this answer is ...". {@code at_least}, {@code at_most} and {@code equals} take one
 * {@code value}; {@code any_of} takes {@code values}, option values of the field. {@code value} is typed as Jackson reads
 * untyped JSON, like answers are: a number (Integer, Long, BigInteger, Double or BigDecimal), a Boolean or a String.
 * Numbers are compared by value, so 4 and 4.0 are equal. {@code message} (at most {@value #MAX_MESSAGE_LENGTH}
 * characters) is shown to the therapist. Which operators suit which field types is checked by {@link SchemaValidator}.
 * <pre>{"operator": "at_least", "value": 4, "message": "Strong urge to self-harm"}
 * {"operator": "any_of", "values": ["shame", "guilt"]}</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Limits are enforced by SchemaValidator (values must be option values); the annotations document them.
public record AlertRule(AlertOperator operator, Object value, @Schema(maxItems = Field.MAX_OPTIONS) List<@Size(max = 40) String> values,
                        @Schema(maxLength = AlertRule.MAX_MESSAGE_LENGTH) String message) {

    public static final int MAX_MESSAGE_LENGTH = 200;
}
