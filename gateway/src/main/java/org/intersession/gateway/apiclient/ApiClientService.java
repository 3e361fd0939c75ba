package org.intersession.gateway.apiclient;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.intersession.gateway.auth.AccessRevocation;
import org.intersession.gateway.auth.InvitationService;
import org.intersession.gateway.auth.Secrets;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.Caller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.intersession.gateway.access.GatewayOperation.MANAGE_API_CLIENTS;

/** API clients of third-party apps. The secret is shown once, at creation, and stored as a hash. */
@ApplicationScoped
public class ApiClientService {

    /** Every scope an API client can be granted. */
    public static final Set<String> SCOPES = Set.of("assignments:read", "assignments:write", "progress:read",
            "users:read", "users:write", "care-teams:write", "webhooks:write", "templates:write", "reviews:read");

    public record NewApiClient(@NotBlank @Size(max = 200) String name, @NotEmpty @Size(max = 20) Set<@NotBlank @Size(max = 40) String> scopes) {
    }

    public record ApiClientView(UUID id, String clientId, String name, Set<String> scopes, OffsetDateTime createdAt,
                                @Schema(nullable = true) OffsetDateTime revokedAt) {
        static ApiClientView of(ApiClient c) {
            return new ApiClientView(c.id, c.clientId, c.name, c.scopeSet(), c.createdAt, c.revokedAt);
        }
    }

    public record CreatedApiClient(ApiClientView apiClient, String clientSecret) {
    }

    private final InvitationService invitations;
    private final AccessRevocation access;

    ApiClientService(InvitationService invitations, AccessRevocation access) {
        this.invitations = invitations;
        this.access = access;
    }

    @Transactional
    public CreatedApiClient create(Caller caller, @NotNull @Valid NewApiClient request) {
        MANAGE_API_CLIENTS.require(caller);
        Set<String> unknown = new TreeSet<>(request.scopes());
        unknown.removeAll(SCOPES);
        if (!unknown.isEmpty()) {
            throw ApiProblemException.invalidField("scopes", "unknown scopes " + unknown + "; known: " + new TreeSet<>(SCOPES));
        }
        String secret = Secrets.newSecret("iss_");
        ApiClient client = new ApiClient();
        client.id = UUID.randomUUID();
        client.clinicId = caller.clinicId();
        client.clientId = "isc_" + UUID.randomUUID().toString().replace("-", "");
        client.name = request.name().strip();
        client.secretHash = Secrets.hash(secret);
        client.scopes = String.join(" ", new TreeSet<>(request.scopes()));
        client.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        client.persist();
        return new CreatedApiClient(ApiClientView.of(client), secret);
    }

    @Transactional
    public Page<ApiClientView> list(Caller caller, int limit, Cursor after) {
        MANAGE_API_CLIENTS.require(caller);
        String query = "clinicId = :clinic";
        Parameters params = Parameters.with("clinic", caller.clinicId());
        if (after != null) {
            query += " and (createdAt > :at or (createdAt = :at and id > :id))";
            params.and("at", after.at()).and("id", after.id());
        }
        List<ApiClient> rows = ApiClient.<ApiClient>find(query, Sort.ascending("createdAt", "id"), params).range(0, limit).list();
        return Page.of(rows, limit, c -> new Cursor(c.createdAt, c.id), ApiClientView::of);
    }

    /**
     * A revoked client can no longer get tokens, those it holds stop working within seconds, and the invitations it
     * issued that are still open stop working, so nothing it set in motion outlives it.
     */
    @Transactional
    public void revoke(Caller caller, UUID id) {
        MANAGE_API_CLIENTS.require(caller);
        ApiClient client = ApiClient.<ApiClient>find("id = ?1 and clinicId = ?2", id, caller.clinicId()).firstResultOptional()
                .orElseThrow(() -> ApiProblemException.notFound("API client"));
        if (client.revokedAt == null) {
            client.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
            access.endApiClient(client.id, client.clinicId);
            invitations.withdrawIssuedBy(client.id);
        }
    }
}
