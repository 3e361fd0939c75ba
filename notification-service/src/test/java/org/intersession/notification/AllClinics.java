package org.intersession.notification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.intersession.platform.tenancy.Tenancy;

import java.util.concurrent.Callable;

/**
 * For tests that look at or prepare rows directly, as no request or consumer would: a transaction across every clinic
 * (Hibernate's root tenant), where a session without a scope would be refused (docs/security.md, "Tenancy").
 */
public final class AllClinics {

    private AllClinics() {
    }

    public static <T> T call(Callable<T> work) {
        return Tenancy.acrossClinics("a test looks at every clinic's rows", () -> QuarkusTransaction.requiringNew().call(work));
    }

    public static void run(Runnable work) {
        Tenancy.acrossClinics("a test prepares rows directly", () -> QuarkusTransaction.requiringNew().run(work));
    }
}
