package org.intersession.platform.tenancy;

import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

import java.util.UUID;

/**
 * The tenant resolver of a service that is not behind the tenancy wall yet (gateway, notification-service): every
 * session is Hibernate's root tenant, so entities it shares with walled services (the identity replica, whose clinic is
 * a {@code @TenantId}) are neither narrowed to a clinic nor checked on insert, and its queries must name the clinic
 * themselves, as they did before the wall. A walled service uses {@link ClinicTenantResolver}.
 */
public final class UnwalledTenantResolver implements CurrentTenantIdentifierResolver<UUID> {

    @Override
    public UUID resolveCurrentTenantIdentifier() {
        return Tenancy.ALL_CLINICS;
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return false;
    }

    @Override
    public boolean isRoot(UUID tenantId) {
        return true;
    }
}
