package org.intersession.assignment;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.intersession.assignment.assignment.Assignment;
import org.intersession.assignment.assignment.AssignmentStatus;
import org.intersession.assignment.template.BuiltInTemplates;
import org.intersession.assignment.template.Template;
import org.intersession.platform.event.assignment.ReminderPolicy;
import org.intersession.platform.schedule.Schedule;
import org.intersession.platform.tenancy.Tenancy;
import org.intersession.testing.TenancyWallChecks;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenancy is a wall in assignment-service (docs/security.md, "Tenancy"): every table holding clinic data carries its
 * clinic, every entity on one is scoped by it, plain SQL names it, and a query that forgets the clinic still sees one
 * clinic's rows only.
 */
@QuarkusTest
class TenancyWallTest extends TenancyWallChecks {

    @Override
    protected Map<String, String> sqlAcrossClinics() {
        return Map.of(
                "IdempotentRequests.pruneOlderThan", "expired Idempotency-Keys of every clinic are deleted by age; nothing is read",
                "AssignmentService.expireBatch", "the expiry job claims every clinic's assignments whose last occurrence has passed",
                "BuiltInTemplates.insert", "the built-in template library belongs to no clinic (clinic_id null)");
    }

    @Override
    protected Set<String> workAcrossClinics() {
        return Set.of("AssignmentService.expireEnded");
    }

    @Test
    void aQueryThatNamesNoClinicSeesOnlyTheCurrentClinicsRows() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        UUID own = persist(mine);
        UUID other = persist(theirs);

        Tenancy.inClinic(mine, () -> QuarkusTransaction.requiringNew().run(() -> {
            List<UUID> all = Assignment.<Assignment>listAll().stream().map(a -> a.id).toList();
            assertEquals(List.of(own), all, "all assignments, as far as this clinic can tell");
            assertNull(Assignment.findById(other), "another clinic's row is not found by its id");
            assertEquals(0, Assignment.count("id", other));
            assertEquals(0, Assignment.update("title = 'overwritten' where id = ?1", other), "nor changed");
            assertEquals(0, Assignment.delete("id", other), "nor deleted");
        }));
        Tenancy.acrossClinics("the test looks at both clinics", () -> QuarkusTransaction.requiringNew().run(() -> {
            Assignment untouched = Assignment.findById(other);
            assertNotNull(untouched, "work across clinics sees every clinic's rows");
            assertEquals("Thought record", untouched.title);
        }));
    }

    @Test
    void aRowOfAnotherClinicCannotBeWritten() {
        UUID mine = UUID.randomUUID();
        RuntimeException refused = assertThrows(RuntimeException.class, () -> Tenancy.inClinic(mine,
                () -> QuarkusTransaction.requiringNew().run(() -> assignment(UUID.randomUUID()).persistAndFlush())));
        assertTrue(causes(refused).contains("tenant"), causes(refused));
    }

    @Test
    void aSessionThatKnowsNoClinicIsRefused() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> Assignment.count()));
        assertTrue(causes(refused).contains("No clinic"), causes(refused));
    }

    @Test
    void templatesAreTheBuiltInLibraryAndTheClinicsOwn() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        UUID own = template(mine);
        UUID other = template(theirs);
        UUID builtIn = BuiltInTemplates.idOf("cbt-thought-record");

        Tenancy.inClinic(mine, () -> QuarkusTransaction.requiringNew().run(() -> {
            List<UUID> all = Template.<Template>listAll().stream().map(t -> t.id).toList();
            assertTrue(all.contains(own) && all.contains(builtIn), "the clinic's own and the built-ins");
            assertFalse(all.contains(other), "never another clinic's");
            assertNull(Template.findById(other));
        }));
    }

    private static UUID persist(UUID clinic) {
        Assignment assignment = assignment(clinic);
        Tenancy.inClinic(clinic, () -> QuarkusTransaction.requiringNew().run(() -> assignment.persist()));
        return assignment.id;
    }

    private static Assignment assignment(UUID clinic) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Assignment a = new Assignment();
        a.id = UUID.randomUUID();
        a.clinicId = clinic;
        a.clientId = UUID.randomUUID();
        a.therapistId = UUID.randomUUID();
        a.title = "Thought record";
        a.rationale = "Catching automatic thoughts";
        a.obstacles = new ArrayList<>();
        a.schedule = new Schedule(Schedule.Type.RECURRING, null, LocalDateTime.of(2026, 3, 25, 20, 0), "FREQ=DAILY", List.of(), null, null);
        a.timeZone = "Europe/Berlin";
        a.reminderPolicy = ReminderPolicy.DEFAULT;
        a.status = AssignmentStatus.ASSIGNED;
        a.createdAt = now;
        a.updatedAt = now;
        return a;
    }

    private static UUID template(UUID clinic) {
        Template template = new Template();
        template.id = UUID.randomUUID();
        template.clinicId = clinic;
        template.slug = "own-" + template.id;
        template.category = "CBT";
        template.status = "ACTIVE";
        template.currentVersion = 1;
        template.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        template.updatedAt = template.createdAt;
        Tenancy.inClinic(clinic, () -> QuarkusTransaction.requiringNew().run(() -> template.persist()));
        return template.id;
    }
}
