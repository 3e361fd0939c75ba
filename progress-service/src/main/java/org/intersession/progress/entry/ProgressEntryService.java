package org.intersession.progress.entry;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.progress.ProgressRecorded;
import org.intersession.platform.outbox.Outbox;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.Caller;
import org.intersession.platform.security.Role;
import org.intersession.progress.replica.TrackedAssignment;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static org.intersession.progress.access.ProgressOperation.READ_PROGRESS;
import static org.intersession.progress.access.ProgressOperation.RECORD_PROGRESS;

@ApplicationScoped
public class ProgressEntryService {

    private final Outbox outbox;

    ProgressEntryService(Outbox outbox) {
        this.outbox = outbox;
    }

    public record Recorded(ProgressEntryView entry, boolean created) {
    }

    /**
     * Records an entry for one of the caller's own assignments. Resubmitting the same entry (same id, same content)
     * answers the stored one again; the same id with other content is a conflict.
     */
    @Transactional
    public Recorded record(Caller caller, @NotNull @Valid NewProgressEntry request) {
        RECORD_PROGRESS.require(caller);
        TrackedAssignment assignment = TrackedAssignment.<TrackedAssignment>find(
                        "assignmentId = :id and clinicId = :clinic and clientId = :client",
                        Parameters.with("id", request.assignmentId()).and("clinic", caller.clinicId()).and("client", caller.id()))
                .firstResultOptional()
                .orElseThrow(() -> ApiProblemException.notFound("Assignment"));

        ProgressEntry existing = ProgressEntry.findById(request.id());
        if (existing != null) {
            if (sameEntry(existing, caller, request)) {
                return new Recorded(ProgressEntryView.of(existing), false);
            }
            throw ApiProblemException.conflict("An entry with this id was already recorded with other content");
        }

        ProgressEntry entry = new ProgressEntry();
        entry.id = request.id();
        entry.clinicId = caller.clinicId();
        entry.clientId = caller.id();
        entry.assignmentId = assignment.assignmentId;
        entry.status = request.status();
        entry.note = request.note();
        entry.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
        entry.persist();

        outbox.append(Topics.PROGRESS, entry.clientId.toString(), ProgressRecorded.TYPE, "progress-entries/" + entry.id,
                new ProgressRecorded(entry.id, entry.assignmentId, entry.clinicId, entry.clientId, assignment.therapistId,
                        entry.status.name(), entry.recordedAt));
        return new Recorded(ProgressEntryView.of(entry), true);
    }

    @Transactional
    public Optional<ProgressEntryView> find(Caller caller, UUID id) {
        READ_PROGRESS.require(caller);
        String visible = "e.id = :id and e.clinicId = :clinic";
        Parameters params = Parameters.with("id", id).and("clinic", caller.clinicId());
        if (caller.is(Role.CLIENT)) {
            visible += " and e.clientId = :caller";
            params.and("caller", caller.id());
        } else if (caller.is(Role.THERAPIST)) {
            visible += " and " + IdentityReplica.THERAPIST_CARES_FOR.formatted("e");
            params.and("therapist", caller.id());
        }
        return ProgressEntry.<ProgressEntry>find("from ProgressEntry e where " + visible, params)
                .firstResultOptional().map(ProgressEntryView::of);
    }

    private static boolean sameEntry(ProgressEntry existing, Caller caller, NewProgressEntry request) {
        return existing.clinicId.equals(caller.clinicId())
                && existing.clientId.equals(caller.id())
                && existing.assignmentId.equals(request.assignmentId())
                && existing.status == request.status()
                && Objects.equals(existing.note, request.note());
    }
}
