package org.intersession.notification.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.Nullable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * The JSON Schema (draft 2020-12) of an event payload record, generated from the record as the application's
 * ObjectMapper serialises it: property names, enum values ({@code @JsonValue}), and which properties are always present.
 * A property may be {@code null} only when its component is {@link Nullable}. Nested records are written inline.
 */
final class PayloadSchemas {

    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper;
    private final Deque<Class<?>> path = new ArrayDeque<>();

    private PayloadSchemas(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    static ObjectNode of(ObjectMapper mapper, Class<?> payload) {
        ObjectNode schema = NODES.objectNode().put("$schema", DIALECT);
        schema.setAll(new PayloadSchemas(mapper).schema(mapper.constructType(payload)));
        return schema;
    }

    private ObjectNode schema(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class || raw == Character.class || raw == char.class) {
            return typed("string");
        }
        if (raw == UUID.class) {
            return typed("string").put("format", "uuid");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return typed("boolean");
        }
        if (raw == int.class || raw == long.class || raw == short.class || raw == Integer.class || raw == Long.class
                || raw == Short.class || raw == BigInteger.class) {
            return typed("integer");
        }
        if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class || raw == BigDecimal.class) {
            return typed("number");
        }
        if (raw == OffsetDateTime.class || raw == Instant.class || raw == ZonedDateTime.class) {
            return typed("string").put("format", "date-time");
        }
        if (raw == LocalDate.class) {
            return typed("string").put("format", "date");
        }
        if (raw == LocalDateTime.class) {
            return typed("string").put("pattern", "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$")
                    .put("description", "a local date and time, without offset (the time zone is given elsewhere)");
        }
        if (raw == LocalTime.class) {
            return typed("string").put("pattern", "^\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$");
        }
        if (raw.isEnum()) {
            ArrayNode values = NODES.arrayNode();
            for (Object constant : raw.getEnumConstants()) {
                values.add(mapper.valueToTree(constant));
            }
            ObjectNode schema = typed("string");
            schema.set("enum", values);
            return schema;
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            ObjectNode schema = typed("array");
            schema.set("items", schema(type.getContentType()));
            return schema;
        }
        if (type.isMapLikeType()) {
            ObjectNode schema = typed("object");
            schema.set("additionalProperties", schema(type.getContentType()));
            return schema;
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return NODES.objectNode().put("description", "any JSON value");
        }
        return object(type);
    }

    private ObjectNode object(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (path.contains(raw)) {
            throw new IllegalStateException("recursive payload type " + raw.getName() + " is not supported");
        }
        path.push(raw);
        try {
            BeanDescription bean = mapper.getSerializationConfig().introspect(type);
            JsonInclude.Value classInclusion = bean.findPropertyInclusion(JsonInclude.Value.empty());
            ObjectNode properties = NODES.objectNode();
            ArrayNode required = NODES.arrayNode();
            for (BeanPropertyDefinition property : bean.findProperties()) {
                if (!property.couldSerialize()) {
                    continue;
                }
                ObjectNode schema = schema(property.getPrimaryType());
                boolean nullable = !property.getPrimaryType().isPrimitive() && annotatedNullable(raw, property);
                if (nullable) {
                    allowNull(schema);
                }
                properties.set(property.getName(), schema);
                JsonInclude.Include inclusion = classInclusion.withOverrides(property.findInclusion()).getValueInclusion();
                if (inclusion == null || inclusion == JsonInclude.Include.ALWAYS || inclusion == JsonInclude.Include.USE_DEFAULTS) {
                    required.add(property.getName());
                }
            }
            ObjectNode schema = typed("object");
            schema.set("properties", properties);
            schema.set("required", required);
            return schema;
        } finally {
            path.pop();
        }
    }

    /** {@code @Nullable} on the record component reaches its field and accessor; either counts. */
    private static boolean annotatedNullable(Class<?> owner, BeanPropertyDefinition property) {
        for (AnnotatedMember member : new AnnotatedMember[] {property.getField(), property.getGetter(), property.getConstructorParameter()}) {
            if (member != null && member.hasAnnotation(Nullable.class)) {
                return true;
            }
        }
        if (owner.isRecord()) {
            for (var component : owner.getRecordComponents()) {
                if (component.getName().equals(property.getInternalName()) && component.isAnnotationPresent(Nullable.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void allowNull(ObjectNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            schema.set("type", NODES.arrayNode().add(type.asText()).add("null"));
            JsonNode values = schema.get("enum");
            if (values instanceof ArrayNode array) {
                array.addNull();
            }
        }
    }

    private static ObjectNode typed(String type) {
        return NODES.objectNode().put("type", type);
    }
}
