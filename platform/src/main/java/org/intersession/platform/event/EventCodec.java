package org.intersession.platform.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns envelopes and their payload records into JSON and back, with the application's ObjectMapper. */
@ApplicationScoped
public class EventCodec {

    /** Larger records are refused before parsing; no legitimate event comes near it. */
    public static final int MAX_EVENT_BYTES = 256 * 1024;

    private final ObjectMapper mapper;

    EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public CloudEvent parse(String json) {
        if (json == null) {
            throw new MalformedEventException("empty record");
        }
        if (json.length() > MAX_EVENT_BYTES) {
            throw new MalformedEventException("event of " + json.length() + " characters exceeds " + MAX_EVENT_BYTES);
        }
        try {
            return mapper.readValue(json, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a CloudEvents JSON envelope: " + e.getOriginalMessage(), e);
        }
    }

    public <T> T data(CloudEvent event, Class<T> payloadType) {
        if (event.data() == null || event.data().isNull()) {
            throw new MalformedEventException("event " + event.id() + " of type " + event.type() + " has no data");
        }
        try {
            return mapper.treeToValue(event.data(), payloadType);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("data of event " + event.id() + " is not a " + payloadType.getSimpleName(), e);
        }
    }

    public String write(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.id(), e);
        }
    }

    public com.fasterxml.jackson.databind.JsonNode tree(Object payload) {
        return mapper.valueToTree(payload);
    }
}
