package org.intersession.assignment;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }

    @Test
    void prometheusMetricsAndTheOpenApiDocumentAreServed() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server"))
                // docs/self-hosting.md, Meters: the outbox's own, and Kafka's consumer lag
                .body(containsString("intersession_outbox_pending "), containsString("intersession_outbox_published_total "),
                        containsString("kafka_consumer_fetch_manager_records_lag_max"));
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200).body("paths", org.hamcrest.Matchers.hasKey("/api/v1/assignments"));
    }
}
