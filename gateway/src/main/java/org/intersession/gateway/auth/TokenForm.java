package org.intersession.gateway.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.problem.Problem;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of an OAuth 2.0 token request (RFC 6749 §4.4, §6), read strictly instead of by the framework's lenient
 * form parser: every escape well formed, the bytes UTF-8 whatever charset the Content-Type names (RFC 6749 Appendix B;
 * a client that sends only ASCII, as nearly all do, is unaffected), no parameter twice (§3.2), parameters the
 * endpoint does not use ignored as the RFC asks. Whatever is wrong is a 400 problem naming the parameter, never a 500.
 */
public record TokenForm(
        @JsonProperty("grant_type") @Size(max = TokenForm.MAX_GRANT_TYPE) String grantType,
        @JsonProperty("refresh_token") @Size(max = TokenForm.MAX_TOKEN) String refreshToken,
        @JsonProperty("client_id") @Size(max = TokenForm.MAX_CLIENT_ID) String clientId,
        @JsonProperty("client_secret") @Size(max = TokenForm.MAX_TOKEN) String clientSecret) {

    static final int MAX_GRANT_TYPE = 32;
    static final int MAX_CLIENT_ID = 100;
    static final int MAX_TOKEN = 256;
    /** Far more than a token request has; a body of many parameters is not one. */
    static final int MAX_PARAMETERS = 20;

    private static final Map<String, Integer> KNOWN = Map.of(
            "grant_type", MAX_GRANT_TYPE, "refresh_token", MAX_TOKEN, "client_id", MAX_CLIENT_ID, "client_secret", MAX_TOKEN);
    static TokenForm parse(byte[] body) {
        Map<String, String> values = new HashMap<>();
        int parameters = 0;
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                if (++parameters > MAX_PARAMETERS) {
                    throw new ApiProblemException(400, "A token request has at most " + MAX_PARAMETERS + " parameters");
                }
                parameter(body, start, end, values);
            }
            start = end + 1;
        }
        return new TokenForm(values.get("grant_type"), values.get("refresh_token"), values.get("client_id"), values.get("client_secret"));
    }

    private static void parameter(byte[] body, int start, int end, Map<String, String> values) {
        int equals = indexOf(body, (byte) '=', start);
        int nameEnd = Math.min(equals, end);
        String name = decode(body, start, nameEnd, null);
        Integer max = KNOWN.get(name);
        String value = decode(body, Math.min(nameEnd + 1, end), end, max == null ? null : name);
        if (max == null) {
            return;
        }
        if (values.putIfAbsent(name, value) != null) {
            throw ApiProblemException.invalidField(name, "appears more than once");
        }
        if (value.length() > max) {
            throw ApiProblemException.invalidField(name, "must be at most " + max + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblemException.invalidField(name, "must not contain control characters");
        }
    }

    /** application/x-www-form-urlencoded: '+' is a space, %XY a byte, and the bytes are UTF-8. */
    private static String decode(byte[] body, int from, int to, String field) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                int high = i + 2 < to ? Character.digit(body[i + 1], 16) : -1;
                int low = i + 2 < to ? Character.digit(body[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    throw malformed(field, "has a % that is not followed by two hexadecimal digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw malformed(field, "is not valid UTF-8");
        }
    }

    /** A parameter the endpoint uses is named; the caller's own names for the others are not echoed. */
    private static ApiProblemException malformed(String field, String message) {
        String where = field == null ? "form" : field;
        return new ApiProblemException(400, "Malformed form body: " + where, List.of(new Problem.FieldError(where, message)));
    }

    private static int indexOf(byte[] body, byte wanted, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == wanted) {
                return i;
            }
        }
        return body.length;
    }
}
