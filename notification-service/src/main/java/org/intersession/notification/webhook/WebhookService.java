package org.intersession.notification.webhook;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.Caller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.ETags;
import org.intersession.platform.web.Page;
import org.intersession.platform.web.Versioned;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.intersession.notification.access.NotificationOperation.MANAGE_WEBHOOKS;

/**
 * A clinic's webhook endpoints, their secrets and their deliveries. Every query is scoped by the caller's clinic: the
 * tenancy wall adds it (docs/security.md, "Tenancy").
 */
@ApplicationScoped
public class WebhookService {

    private final WebhookConfig config;
    private final WebhookSecrets secrets;
    private final TargetGuard guard;
    private final EntityManager em;

    WebhookService(WebhookConfig config, WebhookSecrets secrets, TargetGuard guard, EntityManager em) {
        this.config = config;
        this.secrets = secrets;
        this.guard = guard;
        this.em = em;
    }

    @Transactional
    public Versioned<WebhookEndpointView.Created> register(Caller caller, @NotNull @Valid WebhookEndpointInput input) {
        MANAGE_WEBHOOKS.require(caller);
        String url = checkedUrl(input.url());
        List<String> eventTypes = checkedEventTypes(input.eventTypes());
        // OWASP API6: the cap holds under concurrent registrations, which queue on a per-clinic lock
        em.createNativeQuery("select cast(pg_advisory_xact_lock(hashtextextended(:key, 0)) as text)")
                .setParameter("key", "webhook-endpoints:" + caller.clinicId()).getSingleResult();
        long registered = WebhookEndpoint.count();
        if (registered >= config.maxEndpointsPerClinic()) {
            throw ApiProblemException.conflict("This clinic already has " + registered + " webhook endpoints, the most allowed ("
                    + config.maxEndpointsPerClinic() + "); delete one before adding another");
        }
        OffsetDateTime now = now();
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.clinicId = caller.clinicId();
        endpoint.url = url;
        endpoint.eventTypes = new ArrayList<>(eventTypes);
        endpoint.description = input.description();
        endpoint.contentMode = input.contentMode() == null ? WebhookEndpoint.ContentMode.JSON : input.contentMode();
        endpoint.enabled = true;
        String secret = secrets.generate();
        endpoint.secret = secrets.encrypt(endpoint.id, secret);
        endpoint.createdAt = now;
        endpoint.updatedAt = now;
        endpoint.persistAndFlush();
        return new Versioned<>(new WebhookEndpointView.Created(WebhookEndpointView.of(endpoint), secret), endpoint.version);
    }

    @Transactional
    public Page<WebhookEndpointView> list(Caller caller, int limit, Cursor after) {
        MANAGE_WEBHOOKS.require(caller);
        List<WebhookEndpoint> rows = newestFirst(WebhookEndpoint.class, null, new Parameters(), limit, after);
        return Page.of(rows, limit, e -> new Cursor(e.createdAt, e.id), WebhookEndpointView::of);
    }

    @Transactional
    public Optional<Versioned<WebhookEndpointView>> find(Caller caller, UUID id) {
        MANAGE_WEBHOOKS.require(caller);
        return visible(id).map(e -> new Versioned<>(WebhookEndpointView.of(e), e.version));
    }

    @Transactional
    public Versioned<WebhookEndpointView> update(Caller caller, UUID id, String ifMatch, @NotNull @Valid WebhookEndpointPatch patch) {
        MANAGE_WEBHOOKS.require(caller);
        WebhookEndpoint endpoint = required(id);
        ETags.requireMatch(ifMatch, endpoint.version, "webhook endpoint");
        if (patch.url() != null) {
            endpoint.url = checkedUrl(patch.url());
        }
        if (patch.eventTypes() != null) {
            endpoint.eventTypes = new ArrayList<>(checkedEventTypes(patch.eventTypes()));
        }
        if (patch.description() != null) {
            endpoint.description = patch.description().isEmpty() ? null : patch.description();
        }
        if (patch.contentMode() != null) {
            endpoint.contentMode = patch.contentMode();
        }
        if (patch.enabled() != null) {
            endpoint.enabled = patch.enabled();
            endpoint.disabledReason = patch.enabled() ? null : "disabled by the clinic";
        }
        endpoint.updatedAt = now();
        endpoint.flush(); // the ETag is the version the row now has
        return new Versioned<>(WebhookEndpointView.of(endpoint), endpoint.version);
    }

    /** Deleting an endpoint deletes its deliveries; one being sent at that moment is not recorded. Needs If-Match. */
    @Transactional
    public void delete(Caller caller, UUID id, String ifMatch) {
        MANAGE_WEBHOOKS.require(caller);
        WebhookEndpoint endpoint = required(id);
        ETags.requireMatch(ifMatch, endpoint.version, "webhook endpoint");
        endpoint.delete();
    }

    /** A new secret signs from now on; the one it replaces signs too, next to it, until the overlap ends. */
    @Transactional
    public WebhookEndpointView.RotatedSecret rotateSecret(Caller caller, UUID id) {
        MANAGE_WEBHOOKS.require(caller);
        WebhookEndpoint endpoint = required(id);
        OffsetDateTime now = now();
        String secret = secrets.generate();
        endpoint.previousSecret = endpoint.secret;
        endpoint.previousSecretExpiresAt = now.plus(config.secretOverlap());
        endpoint.secret = secrets.encrypt(endpoint.id, secret);
        endpoint.updatedAt = now;
        return new WebhookEndpointView.RotatedSecret(secret, endpoint.previousSecretExpiresAt);
    }

    @Transactional
    public Page<WebhookDeliveryView> deliveries(Caller caller, UUID endpointId, int limit, Cursor after) {
        MANAGE_WEBHOOKS.require(caller);
        WebhookEndpoint endpoint = required(endpointId);
        List<WebhookDelivery> rows = newestFirst(WebhookDelivery.class, "endpointId = :endpoint",
                Parameters.with("endpoint", endpoint.id), limit, after);
        Map<UUID, List<WebhookAttempt>> attempts = rows.isEmpty() ? Map.of()
                : WebhookAttempt.<WebhookAttempt>list("deliveryId in ?1 order by at", rows.stream().map(d -> d.id).toList())
                .stream().collect(Collectors.groupingBy(a -> a.deliveryId));
        return Page.of(rows, limit, d -> new Cursor(d.createdAt, d.id), d -> WebhookDeliveryView.of(d, attempts.getOrDefault(d.id, List.of())));
    }

    /** Sends the same event again, under the same webhook-id, with a fresh round of retries. */
    @Transactional
    public WebhookDeliveryView replay(Caller caller, UUID endpointId, UUID deliveryId) {
        MANAGE_WEBHOOKS.require(caller);
        WebhookEndpoint endpoint = required(endpointId);
        WebhookDelivery delivery = WebhookDelivery.<WebhookDelivery>find("id = ?1 and endpointId = ?2", deliveryId, endpoint.id)
                .firstResultOptional()
                .orElseThrow(() -> ApiProblemException.notFound("Delivery"));
        if (!endpoint.enabled) {
            throw ApiProblemException.conflict("The endpoint is disabled; enable it before replaying deliveries");
        }
        if (delivery.status == WebhookDelivery.Status.PENDING) {
            throw ApiProblemException.conflict("The delivery is still pending; it can be replayed once it succeeded or failed");
        }
        delivery.status = WebhookDelivery.Status.PENDING;
        delivery.attemptsInRound = 0;
        delivery.nextAttemptAt = now();
        return WebhookDeliveryView.of(delivery, WebhookAttempt.list("deliveryId = ?1 order by at", delivery.id));
    }

    /**
     * One keyset page of the current clinic's rows (the wall adds the clinic), newest first, plus one row that tells
     * whether there is more (see {@link Page#of}); {@code condition} null for all of them.
     */
    private <T> List<T> newestFirst(Class<T> entity, String condition, Parameters params, int limit, Cursor after) {
        String page = after == null ? null : "(createdAt < :at or (createdAt = :at and id < :id))";
        String where = condition == null ? page : page == null ? condition : condition + " and " + page;
        TypedQuery<T> query = em.createQuery("from " + entity.getSimpleName() + (where == null ? "" : " where " + where)
                + " order by createdAt desc, id desc", entity);
        params.map().forEach(query::setParameter);
        if (after != null) {
            query.setParameter("at", after.at()).setParameter("id", after.id());
        }
        return query.setMaxResults(limit + 1).getResultList();
    }

    private Optional<WebhookEndpoint> visible(UUID id) {
        return WebhookEndpoint.<WebhookEndpoint>findByIdOptional(id);
    }

    private WebhookEndpoint required(UUID id) {
        return visible(id).orElseThrow(() -> ApiProblemException.notFound("Webhook endpoint"));
    }

    private String checkedUrl(String url) {
        try {
            return guard.checkUrl(url.strip()).toString();
        } catch (TargetGuard.RefusedTarget e) {
            throw ApiProblemException.invalidField("url", e.getMessage());
        }
    }

    private static List<String> checkedEventTypes(List<String> requested) {
        List<String> unknown = requested.stream().filter(type -> !WebhookEventTypes.SUBSCRIBABLE.contains(type)).toList();
        if (!unknown.isEmpty()) {
            throw ApiProblemException.invalidField("eventTypes", "not an event type a webhook can receive: " + String.join(", ", unknown));
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
