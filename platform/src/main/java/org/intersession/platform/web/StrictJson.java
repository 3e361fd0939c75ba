package org.intersession.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.Map;
import java.util.Set;

/**
 * JSON is taken as sent or refused, never guessed at, because a guess silently changes clinical data: a property given
 * twice is refused (not "the last one wins"), and no value is coerced into a field's type: not 1.5, 1.0 or 1e0 into a
 * whole number, "3" into a number, 1 into a boolean, 0 into an enum, a number or boolean into text, a number into a
 * date. A whole number too large for its field is refused, not wrapped; content after the JSON value is refused. A null
 * is the same as leaving the property out (a missing boolean is false). Numbers without a declared type (the answers of a template's fields) are read exactly, as
 * BigDecimal, so 1e-400 stays 1e-400 instead of becoming 0.0. Only a whole number into a decimal field is accepted.
 * Applies to the mapper every service uses: request bodies, events, and JSON the code reads itself.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** For each kind of target, the JSON shapes that are not its own and would otherwise be converted. */
    private static final Map<LogicalType, Set<CoercionInputShape>> REFUSED = Map.of(
            LogicalType.Integer, Set.of(CoercionInputShape.Float, CoercionInputShape.String, CoercionInputShape.Boolean,
                    CoercionInputShape.EmptyString),
            LogicalType.Float, Set.of(CoercionInputShape.String, CoercionInputShape.Boolean, CoercionInputShape.EmptyString),
            LogicalType.Boolean, Set.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.String,
                    CoercionInputShape.EmptyString),
            LogicalType.Textual, Set.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean),
            LogicalType.Enum, Set.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.EmptyString),
            LogicalType.DateTime, Set.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.EmptyString));

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** Makes {@code mapper} strict as described above, and returns it. */
    @SuppressWarnings("deprecation") // MapperFeature on a built mapper: still the one switch that covers every scalar
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.setDefaultLeniency(false);
        REFUSED.forEach((target, shapes) -> shapes.forEach(shape ->
                mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail)));
        mapper.registerModule(new SimpleModule("intersession-text-only-times").setDeserializerModifier(new TextOnlyTimes()));
        return mapper;
    }

    /** The java.time readers take epoch numbers and [y, m, d] arrays whatever the coercion settings; only text is a time here. */
    private static final class TextOnlyTimes extends BeanDeserializerModifier {

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            boolean time = Temporal.class.isAssignableFrom(type) || TemporalAmount.class.isAssignableFrom(type);
            return time ? new TextOnly(deserializer) : deserializer;
        }
    }

    private static final class TextOnly extends DelegatingDeserializer {

        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new TextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            return super.deserialize(parser, context);
        }
    }
}
