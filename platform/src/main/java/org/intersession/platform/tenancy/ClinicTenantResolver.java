package org.intersession.platform.tenancy;

import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

import java.util.UUID;

/**
 * Hibernate's tenant for each new session: the clinic of the current work ({@link Tenancy}). Registered by class name
 * ({@code hibernate.tenant_identifier_resolver}), because Quarkus's own resolver only knows text tenant ids and the
 * clinic columns are UUIDs. A session across clinics ({@link Tenancy#ALL_CLINICS}) is Hibernate's root tenant: no
 * clinic is added to its queries.
 */
public final class ClinicTenantResolver implements CurrentTenantIdentifierResolver<UUID> {

    @Override
    public UUID resolveCurrentTenantIdentifier() {
        return Tenancy.forNewSession();
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return false;
    }

    @Override
    public boolean isRoot(UUID tenantId) {
        return Tenancy.ALL_CLINICS.equals(tenantId);
    }
}
