package org.intersession.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.intersession.testing.EventsTestKey;
import org.intersession.testing.KafkaTestResource;
import org.intersession.testing.PostgresTestResource;
import org.intersession.gateway.proxy.EchoUpstreams;

/** Every @QuarkusTest of this module runs against the real PostgreSQL and Kafka, started once per JVM.
 * The services behind the gateway are stood in for by {@link EchoUpstreams}; the end-to-end suite runs the real ones.
 * The gateway verifies tokens with its own generated signing key, as in production. */
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = EventsTestKey.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = EchoUpstreams.class, restrictToAnnotatedClass = false)
public class ServiceTestResources {
}
