package org.intersession.platform.tenancy;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scopes of work without a request: which tenant a session gets, and what may not be mixed. */
class TenancyTest {

    private final ClinicTenantResolver resolver = new ClinicTenantResolver();
    private final UUID clinic = UUID.randomUUID();

    @Test
    void aSessionOutsideEveryScopeAndRequestIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, resolver::resolveCurrentTenantIdentifier);
        assertTrue(refused.getMessage().contains("No clinic"), refused.getMessage());
    }

    @Test
    void aSessionInAClinicsScopeIsThatClinicsAndNotRoot() {
        UUID tenant = Tenancy.inClinic(clinic, resolver::resolveCurrentTenantIdentifier);
        assertEquals(clinic, tenant);
        assertFalse(resolver.isRoot(tenant));
        assertEquals(clinic, Tenancy.inClinic(clinic, Tenancy::clinicId), "plain SQL binds the scope's clinic");
    }

    @Test
    void workWithoutClinicSeesNoClinicAndHasNoClinicToBind() {
        UUID tenant = Tenancy.withoutClinic(resolver::resolveCurrentTenantIdentifier);
        assertEquals(Tenancy.NO_CLINIC, tenant);
        assertFalse(resolver.isRoot(tenant));
        assertThrows(IllegalStateException.class, () -> Tenancy.withoutClinic(Tenancy::clinicId));
    }

    @Test
    void onlyWorkAcrossClinicsIsRoot() {
        UUID tenant = Tenancy.acrossClinics("a test job", resolver::resolveCurrentTenantIdentifier);
        assertTrue(resolver.isRoot(tenant));
        assertTrue(Tenancy.acrossClinics("a test job", Tenancy::isAcrossClinics));
        assertThrows(IllegalStateException.class, () -> Tenancy.acrossClinics("a test job", Tenancy::clinicId),
                "work across clinics binds each row's own clinic, never a current one");
    }

    @Test
    void workForAnotherTenantCannotRunInsideAScope() {
        UUID other = UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> Tenancy.inClinic(clinic, () -> Tenancy.inClinic(other, () -> { })));
        assertThrows(IllegalStateException.class, () -> Tenancy.inClinic(clinic, () -> Tenancy.acrossClinics("job", () -> { })));
        assertThrows(IllegalStateException.class, () -> Tenancy.acrossClinics("job", () -> Tenancy.inClinic(clinic, () -> { })));
        assertThrows(IllegalStateException.class, () -> Tenancy.withoutClinic(() -> Tenancy.inClinic(clinic, () -> { })));
        assertEquals(clinic, Tenancy.inClinic(clinic, () -> Tenancy.inClinic(clinic, Tenancy::clinicId)), "the same clinic nests");
    }

    @Test
    void aScopeEndsWithItsWorkEvenWhenTheWorkFails() {
        assertThrows(IllegalArgumentException.class, () -> Tenancy.inClinic(clinic, () -> {
            throw new IllegalArgumentException("failed");
        }));
        assertThrows(IllegalStateException.class, Tenancy::clinicId);
        assertThrows(IllegalStateException.class, resolver::resolveCurrentTenantIdentifier);
    }

    @Test
    void theMarkersOfNoClinicAndAllClinicsAreNoClinicsScope() {
        assertThrows(IllegalArgumentException.class, () -> Tenancy.inClinic(Tenancy.NO_CLINIC, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> Tenancy.inClinic(Tenancy.ALL_CLINICS, () -> { }));
    }
}
