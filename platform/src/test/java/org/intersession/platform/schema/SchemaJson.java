package org.intersession.platform.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.intersession.platform.problem.Problem.FieldError;
import org.intersession.platform.web.StrictJson;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Schemas and answers written as JSON in tests, read the way a service reads a request body. */
final class SchemaJson {

    static final ObjectMapper MAPPER = StrictJson.apply(new ObjectMapper());

    private SchemaJson() {
    }

    /** A schema of the given field objects, e.g. {@code schema("{\"key\":\"a\",\"label\":\"A\",\"type\":\"text\"}")}. */
    static FieldSchema schema(String... fields) {
        return read("{\"fields\":[" + String.join(",", fields) + "]}", new TypeReference<>() { });
    }

    static Map<String, Object> answers(String json) {
        return read(json, new TypeReference<>() { });
    }

    static List<String> paths(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
