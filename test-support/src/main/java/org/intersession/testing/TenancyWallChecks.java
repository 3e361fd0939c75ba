package org.intersession.testing;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The structural checks of the tenancy wall ({@link TenancyWall}), the same in every walled service: a service's
 * {@code @QuarkusTest TenancyWallTest} extends this, lists its exceptions with their reasons, and adds the checks that
 * show the wall at work on its own entities.
 */
public abstract class TenancyWallChecks {

    /** Methods ({@code Class.method}) whose plain SQL may touch clinic tables without naming the clinic, and why. */
    protected abstract Map<String, String> sqlAcrossClinics();

    /** Methods ({@code Class.method}) that call {@code Tenancy.acrossClinics}; each one's reason is in its call. */
    protected abstract Set<String> workAcrossClinics();

    @Test
    void everyTableCarriesItsClinicUnlessItHoldsNoClinicsData() {
        assertEquals(List.of(), TenancyWall.tablesWithoutClinic(dataSource(), TenancyWall.PLATFORM_TABLES));
    }

    @Test
    void everyEntityOnAClinicsTableIsScopedByItsClinic() {
        assertEquals(List.of(), TenancyWall.entitiesNotScopedByClinic(
                CDI.current().select(EntityManagerFactory.class).get(), dataSource()));
    }

    @Test
    void plainSqlOnAClinicsTableNamesTheClinic() {
        assertEquals(List.of(), TenancyWall.sqlWithoutClinic(TenancyWall.clinicTables(dataSource()), TenancyWall.SOURCES,
                sqlAcrossClinics()));
    }

    @Test
    void onlyTheListedJobsWorkAcrossClinics() {
        assertEquals(workAcrossClinics(), TenancyWall.crossClinicWork(TenancyWall.SOURCES));
    }

    /** The messages of a failure and its causes, to show why a write or a session was refused. */
    protected static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" / ");
        }
        return messages.toString();
    }

    private static DataSource dataSource() {
        return CDI.current().select(DataSource.class).get();
    }
}
