package org.intersession.platform.tenancy;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.intersession.platform.security.AccessDecision;
import org.intersession.platform.security.CurrentCaller;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Tenancy as a wall: the clinic whose rows the current unit of work may touch. Each Hibernate session takes its tenant
 * from here when it opens ({@link ClinicTenantResolver}), and every entity holding clinic data marks its clinic as the
 * {@code @TenantId}: Hibernate then adds the clinic to every query, load and delete it runs, and refuses to insert a
 * row of another clinic. A query that forgets the clinic still sees only the clinic's rows.
 * <p>
 * A request works for the clinic of its verified token, never one taken from the request. Work without a caller
 * names its scope, and a session opened with neither is refused:
 * <ul>
 *   <li>{@link #inClinic}: one clinic (a consumer handling an event, which names its clinic; a job's step for one clinic);</li>
 *   <li>{@link #withoutClinic}: no clinic at all, for the platform's own tables (outbox, inbox); clinic rows are invisible;</li>
 *   <li>{@link #acrossClinics}: every clinic, for the few jobs that must span them. A request with a caller can never
 *   enter it, and every use is listed by the tenancy tests.</li>
 * </ul>
 * A request's first session for its clinic also requires that the request passed its service's access matrix
 * ({@link AccessDecision}). Plain SQL is not seen by Hibernate: it binds {@link #clinicId()}.
 */
public final class Tenancy {

    /** The tenant of work outside every clinic (the platform operator, the outbox relay): it matches no clinic's row. */
    public static final UUID NO_CLINIC = new UUID(0L, 0L);
    /** The root tenant, for work across clinics only: Hibernate applies no clinic to its sessions. */
    public static final UUID ALL_CLINICS = new UUID(-1L, -1L);

    private record Scope(UUID tenant, String why) {
    }

    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();
    /** The tenant of the session already opened in a transaction: a scope cannot change it afterwards. */
    private static final Object SESSION_TENANT = Tenancy.class.getName() + ".sessionTenant";

    private Tenancy() {
    }

    /** Runs {@code work} for one clinic: what it reads and writes through Hibernate is that clinic's rows only. */
    public static <T> T inClinic(UUID clinicId, Supplier<T> work) {
        Objects.requireNonNull(clinicId, "clinicId");
        if (clinicId.equals(NO_CLINIC) || clinicId.equals(ALL_CLINICS)) {
            throw new IllegalArgumentException("not a clinic: " + clinicId);
        }
        requestTenant().filter(own -> !own.equals(NO_CLINIC) && !own.equals(clinicId)).ifPresent(own -> {
            throw new IllegalStateException("a request works for the clinic of its token only");
        });
        return enter(new Scope(clinicId, "clinic " + clinicId), work);
    }

    public static void inClinic(UUID clinicId, Runnable work) {
        inClinic(clinicId, asSupplier(work));
    }

    /** Runs {@code work} outside every clinic: the platform's own tables only, no clinic's rows. */
    public static <T> T withoutClinic(Supplier<T> work) {
        return enter(new Scope(NO_CLINIC, "no clinic"), work);
    }

    public static void withoutClinic(Runnable work) {
        withoutClinic(asSupplier(work));
    }

    /**
     * Runs {@code work} over every clinic's rows. For scheduled jobs that claim due work wherever it is, and for the
     * gateway's credential checks, which find an account before its clinic is known. Refused on a request that has a
     * caller: such a request works for its own clinic only.
     *
     * @param why what the work is, for the error a misuse raises and for readers
     */
    public static <T> T acrossClinics(String why, Supplier<T> work) {
        Objects.requireNonNull(why, "why");
        if (requestTenant().isPresent()) {
            throw new IllegalStateException("a request with a caller never works across clinics (" + why + ")");
        }
        return enter(new Scope(ALL_CLINICS, why), work);
    }

    public static void acrossClinics(String why, Runnable work) {
        acrossClinics(why, asSupplier(work));
    }

    /**
     * The clinic of the current work, to bind in plain SQL, which Hibernate does not scope: the scope's clinic, or
     * else the clinic of the request's token.
     *
     * @throws IllegalStateException outside one clinic (work across or without clinics names each clinic itself)
     */
    public static UUID clinicId() {
        Scope scope = SCOPE.get();
        UUID tenant = scope != null ? scope.tenant() : requestTenant().orElse(null);
        if (tenant == null || tenant.equals(NO_CLINIC) || tenant.equals(ALL_CLINICS)) {
            throw new IllegalStateException("no single clinic for this work" + (scope == null ? "" : " (" + scope.why() + ")"));
        }
        return tenant;
    }

    /** Whether the current work spans every clinic (a job's explicit scope). */
    public static boolean isAcrossClinics() {
        Scope scope = SCOPE.get();
        return scope != null && scope.tenant().equals(ALL_CLINICS);
    }

    /**
     * The tenant of a session about to open: the scope's, or the request caller's. Remembered for the transaction, so
     * that a scope entered later cannot pretend the session is another clinic's.
     *
     * @throws IllegalStateException when there is neither: such a session would know no clinic
     */
    static UUID forNewSession() {
        Scope scope = SCOPE.get();
        UUID tenant = scope != null ? scope.tenant() : requestTenant().orElseThrow(() -> new IllegalStateException(
                "No clinic for this database session: neither a request with a verified token nor work in "
                        + "Tenancy.inClinic, withoutClinic or acrossClinics"));
        if (scope == null && !tenant.equals(NO_CLINIC) && !AccessDecision.made()) {
            // every request on a clinic's data passes its service's access matrix first
            throw new IllegalStateException("A request reached its clinic's data before an access rule was checked");
        }
        transactions().filter(tsr -> tsr.getTransactionKey() != null).ifPresent(tsr -> tsr.putResource(SESSION_TENANT, tenant));
        return tenant;
    }

    private static <T> T enter(Scope scope, Supplier<T> work) {
        Scope outer = SCOPE.get();
        if (outer != null && !outer.tenant().equals(scope.tenant())) {
            throw new IllegalStateException("already working for " + outer.why() + "; work for " + scope.why()
                    + " runs after it, not inside it");
        }
        transactions().filter(tsr -> tsr.getTransactionKey() != null)
                .map(tsr -> (UUID) tsr.getResource(SESSION_TENANT))
                .filter(open -> !open.equals(scope.tenant()))
                .ifPresent(open -> {
                    throw new IllegalStateException("this transaction's database session is already open for another "
                            + "tenant; run the work for " + scope.why() + " in a transaction of its own");
                });
        SCOPE.set(scope);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                SCOPE.remove();
            } else {
                SCOPE.set(outer);
            }
        }
    }

    /** The tenant of the current request's verified token, if this thread serves a request that has one. */
    private static Optional<UUID> requestTenant() {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return Optional.empty();
        }
        InstanceHandle<CurrentCaller> caller = container.instance(CurrentCaller.class);
        return caller.isAvailable() ? caller.get().tenant() : Optional.empty();
    }

    private static Optional<TransactionSynchronizationRegistry> transactions() {
        ArcContainer container = Arc.container();
        if (container == null) {
            return Optional.empty();
        }
        InstanceHandle<TransactionSynchronizationRegistry> registry = container.instance(TransactionSynchronizationRegistry.class);
        return registry.isAvailable() ? Optional.of(registry.get()) : Optional.empty();
    }

    private static Supplier<Void> asSupplier(Runnable work) {
        return () -> {
            work.run();
            return null;
        };
    }
}
