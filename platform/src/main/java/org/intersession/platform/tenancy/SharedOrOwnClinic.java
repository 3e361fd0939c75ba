package org.intersession.platform.tenancy;

/**
 * For the few tables whose rows are either one clinic's or shared by every clinic (clinic null), such as the built-in
 * template library: the entity takes Hibernate's tenant filter with this condition instead of a {@code @TenantId}, so a
 * session sees its own clinic's rows and the shared ones, and never another clinic's.
 * <pre>{@code @Filter(name = SharedOrOwnClinic.FILTER, condition = SharedOrOwnClinic.CONDITION)}</pre>
 * Writes are not checked by Hibernate for such an entity: a shared row is written only by the service itself, outside
 * every clinic, and a clinic's row takes the clinic of the current work ({@link Tenancy#clinicId()}).
 */
public final class SharedOrOwnClinic {

    /** Hibernate's filter for {@code @TenantId} (TenantIdBinder), enabled on every session that is not the root's. */
    public static final String FILTER = "_tenantId";
    public static final String CONDITION = "(clinic_id is null or clinic_id = :tenantId)";

    private SharedOrOwnClinic() {
    }
}
