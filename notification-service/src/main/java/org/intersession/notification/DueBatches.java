package org.intersession.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;

import java.util.function.Supplier;

/** Claims and handles due rows (reminders, digests) a batch per transaction, until a batch comes back short. */
public final class DueBatches {

    private DueBatches() {
    }

    /** @return how many rows were handled in all */
    public static int drain(int batchSize, Supplier<Integer> batch) {
        int handled = 0;
        int claimed;
        do {
            claimed = QuarkusTransaction.requiringNew().call(batch::get);
            handled += claimed;
        } while (claimed == batchSize);
        return handled;
    }
}
