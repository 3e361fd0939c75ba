package org.intersession.notification.delivery;

import java.time.Duration;

/**
 * What came of one attempt to send: the receiver's status if it answered (an HTTP status, an SMTP reply code), an
 * error unless it succeeded, and how long the attempt took.
 */
public record SendOutcome(Integer status, String error, int durationMs) {

    public static final int MAX_ERROR_LENGTH = 500;

    public boolean succeeded() {
        return error == null;
    }

    /** @param startedNanos {@link System#nanoTime()} when the attempt began */
    public static SendOutcome of(Integer status, String error, long startedNanos) {
        return new SendOutcome(status, error == null ? null : truncated(error), elapsedMillis(startedNanos));
    }

    public static String truncated(String text) {
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    private static int elapsedMillis(long startedNanos) {
        return (int) Math.min(Integer.MAX_VALUE, Duration.ofNanos(System.nanoTime() - startedNanos).toMillis());
    }
}
