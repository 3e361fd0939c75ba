package org.intersession.notification;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.intersession.testing.JwtTestResource;
import org.intersession.testing.EventsTestKey;
import org.intersession.testing.KafkaTestResource;
import org.intersession.notification.email.SmtpServer;
import org.intersession.notification.webhook.WebhookTestKey;
import org.intersession.testing.PostgresTestResource;

/** Every @QuarkusTest of this module runs against the real PostgreSQL and Kafka, started once per JVM. */
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = EventsTestKey.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = JwtTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpServer.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = WebhookTestKey.class, restrictToAnnotatedClass = false)
public class ServiceTestResources {
}
