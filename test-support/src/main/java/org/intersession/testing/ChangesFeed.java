package org.intersession.testing;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A changes feed ({@code .../sync}) read as an app reads it: from {@code since} (null: from the start), page after
 * page while {@code hasMore}, keeping the last {@code syncToken}.
 *
 * @param items every item of every page, in the order served
 * @param token the token to send as {@code since} next time
 */
public record ChangesFeed(List<Map<String, Object>> items, String token) {

    /** The items' {@code id}s, in the order served. */
    public List<String> ids() {
        return items.stream().map(item -> (String) item.get("id")).toList();
    }

    /**
     * @param caller   a fresh request for each page, with the caller's credentials and any filters
     * @param pageSize small, so that paging is part of what is read
     */
    public static ChangesFeed read(Supplier<RequestSpecification> caller, String path, String since, int pageSize) {
        List<Map<String, Object>> items = new ArrayList<>();
        String token = since;
        boolean more = true;
        while (more) {
            RequestSpecification request = caller.get().queryParam("limit", pageSize);
            if (token != null) {
                request.queryParam("since", token);
            }
            JsonPath page = request.when().get(path).then().statusCode(200).extract().jsonPath();
            items.addAll(page.getList("items"));
            String next = page.getString("syncToken");
            more = page.getBoolean("hasMore");
            if (more) {
                assertNotEquals(token, next, "a page that has more moves the token on");
            }
            token = next;
        }
        return new ChangesFeed(items, token);
    }
}
