package org.intersession.platform.schedule;

/**
 * A schedule that cannot be accepted. {@link #field()} names the offending input (e.g. {@code rrule.BYHOUR},
 * {@code windowBefore}) and {@link #reason()} says what is wrong in words for a human, so an API can answer 400 with a
 * field error. Field and reason quote at most a well-formed token of the input (a part name, a day code, a number).
 */
public class InvalidScheduleException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidScheduleException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
