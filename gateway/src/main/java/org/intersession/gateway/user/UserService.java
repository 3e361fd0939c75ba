package org.intersession.gateway.user;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.intersession.gateway.auth.AccessRevocation;
import org.intersession.gateway.auth.InvitationService;
import org.intersession.gateway.auth.RefreshTokens;
import org.intersession.platform.audit.AuditSubject;
import org.intersession.platform.event.identity.ClientProfileChanged;
import org.intersession.platform.event.identity.UserChanged;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.Caller;
import org.intersession.platform.security.Role;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.ETags;
import org.intersession.platform.web.Page;
import org.intersession.platform.web.Versioned;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.intersession.gateway.access.GatewayOperation.CREATE_USER;
import static org.intersession.gateway.access.GatewayOperation.DEACTIVATE_USER;
import static org.intersession.gateway.access.GatewayOperation.MANAGE_STAFF;
import static org.intersession.gateway.access.GatewayOperation.READ_USERS;
import static org.intersession.gateway.access.GatewayOperation.UPDATE_USER;

@ApplicationScoped
public class UserService {

    private final InvitationService invitations;
    private final IdentityEvents events;
    private final RefreshTokens refreshTokens;

    private final AccessRevocation access;

    UserService(InvitationService invitations, IdentityEvents events, RefreshTokens refreshTokens, AccessRevocation access) {
        this.invitations = invitations;
        this.events = events;
        this.refreshTokens = refreshTokens;
        this.access = access;
    }

    @Transactional
    public InvitedUser create(Caller caller, @NotNull @Valid NewUser request) {
        CREATE_USER.require(caller);
        if (request.role() != Role.CLIENT) {
            requireStaffManager(caller);
        }
        InvitedUser invited = createInClinic(caller.clinicId(), request, caller);
        return caller.isApiClient() ? invited.withoutToken() : invited;
    }

    /**
     * Also used by the operator for a clinic's first admin ({@code issuer} null). An email is unique within a clinic
     * only: another clinic's account with the same address is another person's business, and is never revealed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public InvitedUser createInClinic(UUID clinicId, NewUser request, Caller issuer) {
        if (User.findInClinicByEmail(clinicId, request.email()).isPresent()) {
            throw ApiProblemException.conflict("A user with this email already exists in this clinic");
        }
        if (request.role() == Role.CLIENT && (request.profile() == null || request.profile().timeZone() == null)) {
            throw ApiProblemException.invalidField("profile.timeZone", "a client needs an IANA time zone, such as Europe/Berlin");
        }
        if (request.role() != Role.CLIENT && request.profile() != null) {
            throw ApiProblemException.invalidField("profile", "only clients have a profile");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        User user = new User();
        user.id = UUID.randomUUID();
        user.clinicId = clinicId;
        user.email = request.email().strip();
        user.displayName = request.displayName().strip();
        user.role = request.role();
        user.status = UserStatus.INVITED;
        user.createdAt = now;
        user.updatedAt = now;
        user.persist();
        events.userChanged(UserChanged.CREATED, user);

        ClientProfile profile = null;
        if (user.role == Role.CLIENT) {
            profile = new ClientProfile();
            profile.userId = user.id;
            profile.clinicId = clinicId;
            profile.timeZone = "UTC";
            profile.locale = "en";
            apply(profile, request.profile());
            profile.persist();
            events.profileChanged(profile);
            AuditSubject.concerns(user.id);
        }
        InvitationService.Issued invitation = invitations.invite(user, issuer);
        return new InvitedUser(UserView.of(user, profile), invitation.token(), invitation.expiresAt());
    }

    /**
     * A new invitation for a user who has not accepted theirs (it expired, was lost, or its app was revoked); the
     * earlier ones stop working. An app gets no code: the invitee receives it by email.
     */
    @Transactional
    public InvitedUser reinvite(Caller caller, UUID id) {
        CREATE_USER.require(caller);
        User user = User.<User>find("id = ?1 and clinicId = ?2", id, caller.clinicId()).firstResultOptional()
                .orElseThrow(() -> ApiProblemException.notFound("User"));
        if (user.role != Role.CLIENT) {
            requireStaffManager(caller);
        } else {
            AuditSubject.concerns(user.id);
        }
        if (user.status != UserStatus.INVITED) {
            throw ApiProblemException.conflict("Only a user who has not yet accepted an invitation can be invited again");
        }
        invitations.withdrawOpenOf(user.id);
        InvitationService.Issued invitation = invitations.invite(user, caller);
        InvitedUser invited = new InvitedUser(UserView.of(user, ClientProfile.findById(user.id)), invitation.token(),
                invitation.expiresAt());
        return caller.isApiClient() ? invited.withoutToken() : invited;
    }

    @Transactional
    public Optional<Versioned<UserView>> find(Caller caller, UUID id) {
        READ_USERS.require(caller);
        return visible(caller, id).map(user -> new Versioned<>(UserView.of(user, ClientProfile.findById(user.id)), user.version));
    }

    /** Admins and API clients list the clinic; a therapist their care team's clients; a client only themself. */
    @Transactional
    public Page<UserView> list(Caller caller, Role role, int limit, Cursor after) {
        READ_USERS.require(caller);
        StringBuilder query = new StringBuilder("clinicId = :clinic");
        Parameters params = Parameters.with("clinic", caller.clinicId());
        if (caller.is(Role.CLIENT)) {
            query.append(" and id = :me");
            params.and("me", caller.id());
        } else if (caller.is(Role.THERAPIST)) {
            query.append(" and id in (select l.clientId from CareTeamLink l where l.therapistId = :me and l.clinicId = :clinic)");
            params.and("me", caller.id());
        }
        if (role != null) {
            query.append(" and role = :role");
            params.and("role", role);
        }
        if (after != null) {
            query.append(" and (createdAt > :at or (createdAt = :at and id > :id))");
            params.and("at", after.at()).and("id", after.id());
        }
        List<User> rows = User.<User>find(query.toString(), Sort.ascending("createdAt", "id"), params)
                .range(0, limit).list();
        return Page.of(rows, limit, u -> new Cursor(u.createdAt, u.id), u -> UserView.of(u, ClientProfile.findById(u.id)));
    }

    /** Admins and API clients change anyone in the clinic; everyone else only themself. Needs If-Match: nothing lost. */
    @Transactional
    public Versioned<UserView> update(Caller caller, UUID id, String ifMatch, @NotNull @Valid UserPatch patch) {
        UPDATE_USER.require(caller);
        User user = visible(caller, id).filter(u -> mayChange(caller, u))
                .orElseThrow(() -> ApiProblemException.notFound("User"));
        if (user.role != Role.CLIENT && !user.id.equals(caller.id())) {
            requireStaffManager(caller);
        }
        ETags.requireMatch(ifMatch, user.version, "user");
        if (patch.displayName() != null) {
            user.displayName = patch.displayName().strip();
        }
        ClientProfile profile = ClientProfile.findById(user.id);
        if (patch.profile() != null) {
            if (profile == null) {
                throw ApiProblemException.invalidField("profile", "only clients have a profile");
            }
            apply(profile, patch.profile());
            events.profileChanged(profile);
        }
        user.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        events.userChanged(UserChanged.UPDATED, user);
        user.flush(); // the ETag is the version the row now has
        return new Versioned<>(UserView.of(user, profile), user.version);
    }

    @Transactional
    public Versioned<UserView> deactivate(Caller caller, UUID id) {
        DEACTIVATE_USER.require(caller);
        User user = User.<User>find("id = ?1 and clinicId = ?2", id, caller.clinicId()).firstResultOptional()
                .orElseThrow(() -> ApiProblemException.notFound("User"));
        if (user.role == Role.CLIENT) {
            AuditSubject.concerns(user.id);
        } else {
            requireStaffManager(caller);
        }
        if (user.status != UserStatus.DEACTIVATED) {
            user.status = UserStatus.DEACTIVATED;
            user.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            refreshTokens.revokeAllOf(user.id);
            access.endUser(user.id);
            invitations.withdrawOpenOf(user.id);
            events.userChanged(UserChanged.DEACTIVATED, user);
        }
        user.flush();
        return new Versioned<>(UserView.of(user, ClientProfile.findById(user.id)), user.version);
    }

    private Optional<User> visible(Caller caller, UUID id) {
        Optional<User> user = User.<User>find("id = ?1 and clinicId = ?2", id, caller.clinicId()).firstResultOptional();
        user.filter(u -> u.role == Role.CLIENT).ifPresent(u -> AuditSubject.concerns(u.id));
        if (caller.is(Role.CLIENT)) {
            return user.filter(u -> u.id.equals(caller.id()));
        }
        if (caller.is(Role.THERAPIST)) {
            return user.filter(u -> u.id.equals(caller.id())
                    || org.intersession.gateway.careteam.CareTeamLink.count("clientId = ?1 and therapistId = ?2", u.id, caller.id()) > 0);
        }
        return user;
    }

    /** Therapists and admins are managed by a human clinic admin only; an app never creates or changes staff. */
    private static void requireStaffManager(Caller caller) {
        if (!MANAGE_STAFF.rule().permits(caller)) {
            throw new ApiProblemException(403, caller.isApiClient()
                    ? "API clients may invite, change and deactivate clients only; a clinic admin manages therapists and admins"
                    : "Only a clinic admin manages therapists and admins");
        }
    }

    private static boolean mayChange(Caller caller, User user) {
        return caller.is(Role.CLINIC_ADMIN) || caller.isApiClient() || user.id.equals(caller.id());
    }

    private static void apply(ClientProfile profile, ProfileInput input) {
        if (input == null) {
            return;
        }
        if (input.timeZone() != null) {
            profile.timeZone = validZone(input.timeZone());
        }
        if (input.locale() != null) {
            profile.locale = input.locale();
        }
        if (input.channels() != null) {
            profile.channels = input.channels().stream()
                    .map(c -> new ClientProfileChanged.Channel(c.type().name(), c.address().strip(), c.consented()))
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        }
    }

    /** Region-based IANA names only ("Europe/Berlin"); fixed offsets would drift across DST. */
    private static String validZone(String name) {
        try {
            ZoneId zone = ZoneId.of(name);
            if (zone instanceof ZoneOffset || !name.contains("/") && !name.equals("UTC")) {
                throw new DateTimeException("not a region");
            }
            return zone.getId();
        } catch (DateTimeException e) {
            throw ApiProblemException.invalidField("profile.timeZone", "not an IANA time zone name, such as Europe/Berlin");
        }
    }
}
