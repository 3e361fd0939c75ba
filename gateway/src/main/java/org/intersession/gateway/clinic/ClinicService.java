package org.intersession.gateway.clinic;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.intersession.gateway.user.InvitedUser;
import org.intersession.gateway.user.NewUser;
import org.intersession.gateway.user.UserService;
import org.intersession.platform.security.Role;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The platform operator's only business: creating clinics with their first admin, listing and reading them. */
@ApplicationScoped
public class ClinicService {

    public record NewClinic(@NotBlank @Size(max = 200) String name, @NotNull @Valid FirstAdmin admin) {
    }

    public record FirstAdmin(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 200) String displayName) {
    }

    public record ClinicView(UUID id, String name, OffsetDateTime createdAt) {
        static ClinicView of(Clinic clinic) {
            return new ClinicView(clinic.id, clinic.name, clinic.createdAt);
        }
    }

    public record CreatedClinic(ClinicView clinic, InvitedUser admin) {
    }

    private final UserService users;

    ClinicService(UserService users) {
        this.users = users;
    }

    @Transactional
    public CreatedClinic create(@NotNull @Valid NewClinic request) {
        Clinic clinic = new Clinic();
        clinic.id = UUID.randomUUID();
        clinic.name = request.name().strip();
        clinic.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        clinic.persist();
        InvitedUser admin = users.createInClinic(clinic.id,
                new NewUser(request.admin().email(), request.admin().displayName(), Role.CLINIC_ADMIN, null), null);
        return new CreatedClinic(ClinicView.of(clinic), admin);
    }

    @Transactional
    public Optional<ClinicView> find(UUID id) {
        return Clinic.<Clinic>findByIdOptional(id).map(ClinicView::of);
    }

    @Transactional
    public Page<ClinicView> list(int limit, Cursor after) {
        String query = after == null ? "1 = 1" : "createdAt > :at or (createdAt = :at and id > :id)";
        Parameters params = after == null ? new Parameters() : Parameters.with("at", after.at()).and("id", after.id());
        List<Clinic> rows = Clinic.<Clinic>find(query, Sort.ascending("createdAt", "id"), params).range(0, limit).list();
        return Page.of(rows, limit, c -> new Cursor(c.createdAt, c.id), ClinicView::of);
    }
}
