package org.intersession.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StrictJsonTest {

    enum Status { DONE, SKIPPED }

    /** The kinds of property the services' request bodies have. */
    record Body(UUID id, Integer rating, int count, long total, boolean flag, Boolean optionalFlag, String text,
                Status status, OffsetDateTime at, LocalDate day, BigDecimal amount, Double ratio,
                Map<String, Object> answers, List<String> tags, Nested nested) {
    }

    record Nested(String name, Integer level) {
    }

    private static final ObjectMapper MAPPER = StrictJson.apply(new ObjectMapper().findAndRegisterModules());

    private static Body read(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, Body.class);
    }

    @Test
    void valuesOfTheirOwnTypeAreRead() throws Exception {
        Body body = read("""
                {"id":"0b7f5f0e-8f7e-4a53-9d59-54c1a3c1b0a7","rating":7,"count":2,"total":3000000000,"flag":true,
                 "optionalFlag":null,"text":"x","status":"DONE","at":"2026-01-05T10:00:00Z","day":"2026-01-05",
                 "amount":2.50,"ratio":0.5,"answers":{"a":1},"tags":["t"],"nested":{"name":"n","level":1}}""");

        assertEquals(7, body.rating());
        assertEquals(3_000_000_000L, body.total());
        assertEquals(Status.DONE, body.status());
        assertEquals(LocalDate.of(2026, 1, 5), body.day());
        assertEquals(new BigDecimal("2.50"), body.amount());
    }

    @Test
    void aWholeNumberIsAcceptedForADecimalField() throws Exception {
        assertEquals(new BigDecimal("3"), read("{\"amount\":3}").amount());
        assertEquals(3.0, read("{\"ratio\":3}").ratio());
    }

    @Test
    void nullIsTheSameAsLeavingAPropertyOut() throws Exception {
        for (String json : new String[] {"{}", "{\"rating\":null,\"flag\":null,\"count\":null}"}) {
            Body body = read(json);

            assertEquals(null, body.rating());
            assertFalse(body.flag());
            assertEquals(0, body.count());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"text\":\"a\",\"text\":\"b\"}",
            "{\"nested\":{\"name\":\"a\",\"name\":\"b\"}}",
            "{\"answers\":{\"mood\":1,\"mood\":9}}"})
    void aPropertyGivenTwiceIsRefused(String json) {
        assertThrows(JsonProcessingException.class, () -> read(json));
        assertThrows(JsonProcessingException.class, () -> MAPPER.readTree(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"rating\":1.5}", "{\"rating\":1.0}", "{\"rating\":1e0}", "{\"rating\":1e-400}", "{\"rating\":1e400}",
            "{\"rating\":\"3\"}", "{\"rating\":\"\"}", "{\"rating\":true}", "{\"rating\":3000000000}",
            "{\"count\":2.5}", "{\"total\":1e30}", "{\"total\":99999999999999999999}",
            "{\"nested\":{\"level\":0.5}}"})
    void aWholeNumberIsNeverRoundedTruncatedOrConverted(String json) {
        assertThrows(JsonProcessingException.class, () -> read(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"flag\":1}", "{\"flag\":\"true\"}", "{\"optionalFlag\":0}",
            "{\"status\":0}", "{\"status\":\"0\"}", "{\"status\":\"done\"}", "{\"status\":\"\"}",
            "{\"text\":5}", "{\"text\":true}", "{\"text\":1.5}",
            "{\"at\":1700000000}", "{\"at\":1700000000.5}", "{\"day\":20260105}", "{\"day\":[2026,1,5]}", "{\"day\":\"\"}",
            "{\"amount\":\"2.5\"}", "{\"ratio\":\"0.5\"}", "{\"ratio\":true}",
            "{\"tags\":\"t\"}", "{\"nested\":\"\"}"})
    void noOtherValueIsConvertedToAPropertysType(String json) {
        assertThrows(JsonProcessingException.class, () -> read(json));
    }

    @Test
    void contentAfterTheValueIsRefused() {
        assertThrows(JsonProcessingException.class, () -> read("{\"text\":\"a\"} {\"text\":\"b\"}"));
        assertThrows(JsonProcessingException.class, () -> read("{\"text\":\"a\"}junk"));
    }

    @Test
    void untypedNumbersAreReadExactly() throws Exception {
        Map<String, Object> answers = MAPPER.readValue("{\"tiny\":1e-400,\"tenth\":0.1,\"whole\":5,\"huge\":1e400}",
                new TypeReference<>() { });

        assertEquals(new BigDecimal("1e-400"), answers.get("tiny"));
        assertEquals(new BigDecimal("0.1"), answers.get("tenth"));
        assertEquals(5, answers.get("whole"));
        assertEquals(new BigDecimal("1e400"), answers.get("huge"));
    }
}
