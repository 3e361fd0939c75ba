package org.intersession.notification.webhook;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.intersession.platform.security.Caller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.Page;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.intersession.notification.access.NotificationOperation.MANAGE_WEBHOOKS;

/** The event types a clinic may subscribe to, each with its data schema, made once from the payload records. */
@ApplicationScoped
public class WebhookEventTypeCatalogue {

    /** The catalogue is sorted by type; a cursor names the last type shown, in the platform's one cursor format. */
    private static final OffsetDateTime POSITION = OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);

    private static final TypeReference<Map<String, Object>> SCHEMA = new TypeReference<>() {
    };

    private final List<WebhookEventTypeView> types;

    WebhookEventTypeCatalogue(ObjectMapper mapper) {
        this.types = WebhookEventTypes.CATALOGUE.stream().map(type -> new WebhookEventTypeView(type.type(), type.description(),
                mapper.convertValue(PayloadSchemas.of(mapper, type.payload()), SCHEMA))).toList();
    }

    public Page<WebhookEventTypeView> list(Caller caller, int limit, Cursor after) {
        MANAGE_WEBHOOKS.require(caller);
        int from = 0;
        if (after != null) {
            from = types.size();
            for (int i = 0; i < types.size(); i++) {
                if (positionOf(types.get(i)).equals(after)) {
                    from = i + 1;
                    break;
                }
            }
        }
        List<WebhookEventTypeView> rows = types.subList(Math.min(from, types.size()), Math.min(from + limit + 1, types.size()));
        return Page.of(rows, limit, WebhookEventTypeCatalogue::positionOf, type -> type);
    }

    private static Cursor positionOf(WebhookEventTypeView type) {
        return new Cursor(POSITION, UUID.nameUUIDFromBytes(type.type().getBytes(StandardCharsets.UTF_8)));
    }
}
