package org.intersession.platform.consume;

/**
 * The application stopped while a consumer still waited for its database. The event was not handled: its record
 * must be neither acknowledged nor dead-lettered, so that Kafka delivers it again after the restart.
 */
public class ConsumerStopping extends RuntimeException {

    public ConsumerStopping(String consumer, Throwable lastFailure) {
        super(consumer + " stopped while waiting for the database; the event is left for redelivery", lastFailure);
    }

    /** @return true if {@code failure} or one of its causes is a stop */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConsumerStopping) {
                return true;
            }
        }
        return false;
    }
}
