package org.intersession.platform.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Visits the schemas of an OpenAPI model: every schema object once, nested ones included. */
final class Walk {

    private static final String REF = "#/components/schemas/";

    private Walk() {
    }

    static void schemas(OpenAPI api, Consumer<Schema> visitor) {
        Map<Schema, Boolean> seen = new IdentityHashMap<>();
        List<Schema> roots = new ArrayList<>();
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            roots.addAll(api.getComponents().getSchemas().values());
        }
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            api.getPaths().getPathItems().values().forEach(item -> {
                if (item.getParameters() != null) {
                    item.getParameters().forEach(p -> roots.add(p.getSchema()));
                }
                item.getOperations().values().forEach(operation -> {
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(p -> roots.add(p.getSchema()));
                    }
                    if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                        operation.getRequestBody().getContent().getMediaTypes().values().forEach(m -> roots.add(m.getSchema()));
                    }
                    if (operation.getResponses() != null) {
                        operation.getResponses().getAPIResponses().values().forEach(response -> {
                            if (response.getContent() != null) {
                                response.getContent().getMediaTypes().values().forEach(m -> roots.add(m.getSchema()));
                            }
                            if (response.getHeaders() != null) {
                                response.getHeaders().values().forEach(h -> roots.add(h.getSchema()));
                            }
                        });
                    }
                });
            });
        }
        roots.forEach(root -> visit(root, visitor, seen));
    }

    private static void visit(Schema schema, Consumer<Schema> visitor, Map<Schema, Boolean> seen) {
        if (schema == null || seen.put(schema, Boolean.TRUE) != null) {
            return;
        }
        visitor.accept(schema);
        children(schema).forEach(child -> visit(child, visitor, seen));
    }

    static List<Schema> children(Schema schema) {
        List<Schema> children = new ArrayList<>();
        if (schema.getProperties() != null) {
            children.addAll(schema.getProperties().values());
        }
        if (schema.getItems() != null) {
            children.add(schema.getItems());
        }
        if (schema.getAdditionalPropertiesSchema() != null) {
            children.add(schema.getAdditionalPropertiesSchema());
        }
        addAll(children, schema.getAllOf());
        addAll(children, schema.getAnyOf());
        addAll(children, schema.getOneOf());
        if (schema.getNot() != null) {
            children.add(schema.getNot());
        }
        return children;
    }

    private static void addAll(List<Schema> into, Collection<Schema> schemas) {
        if (schemas != null) {
            into.addAll(schemas);
        }
    }

    /** Adds to {@code names} each component schema that {@code schema} uses, directly or through others. */
    static void referenced(Schema schema, Map<String, Schema> components, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null && schema.getRef().startsWith(REF)) {
            String name = schema.getRef().substring(REF.length());
            if (names.add(name) && components.containsKey(name)) {
                referenced(components.get(name), components, names);
            }
            return;
        }
        children(schema).forEach(child -> referenced(child, components, names));
    }

    /** In the OpenAPI 3.1 model a nullable value has the type "null" among its types, or a "null" alternative. */
    static boolean nullable(Schema schema) {
        if (schema.getType() != null && schema.getType().contains(SchemaType.NULL)) {
            return true;
        }
        for (List<Schema> alternatives : java.util.Arrays.asList(schema.getAnyOf(), schema.getOneOf())) {
            if (alternatives != null && alternatives.stream().anyMatch(a -> a.getType() != null && a.getType().equals(List.of(SchemaType.NULL)))) {
                return true;
            }
        }
        return false;
    }
}
