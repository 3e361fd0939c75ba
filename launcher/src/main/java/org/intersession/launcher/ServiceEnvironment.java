package org.intersession.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables each service is configured with. The launcher and the end-to-end tests set exactly
 * these, and docker-compose.yml sets the same names (a test compares them), so the three ways to run agree.
 */
public final class ServiceEnvironment {

    /**
     * Where the parts of the platform are, as seen from the services; {@code serviceHost} is the interface the three
     * services behind the gateway listen on (loopback in a local run, every interface of a container in compose).
     */
    public record Endpoints(String jdbcUrlPrefix, String databaseUser, String databasePassword, String kafkaBootstrapServers,
                            Map<ServiceSpec, String> serviceUrls, Map<ServiceSpec, Integer> servicePorts,
                            Path gatewayKeyDirectory, String operatorEmail, String operatorPassword,
                            String smtpHost, int smtpPort, String webhookEncryptionKey,
                            String eventsEncryptionKey, String serviceHost) {
    }

    private ServiceEnvironment() {
    }

    public static Map<String, String> of(ServiceSpec spec, Endpoints endpoints) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(endpoints.servicePorts().get(spec)));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", endpoints.jdbcUrlPrefix() + spec.database());
        env.put("QUARKUS_DATASOURCE_USERNAME", endpoints.databaseUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", endpoints.databasePassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", endpoints.kafkaBootstrapServers());
        if (spec == ServiceSpec.GATEWAY) {
            env.put("INTERSESSION_GATEWAY_UPSTREAMS_ASSIGNMENT", endpoints.serviceUrls().get(ServiceSpec.ASSIGNMENT));
            env.put("INTERSESSION_GATEWAY_UPSTREAMS_PROGRESS", endpoints.serviceUrls().get(ServiceSpec.PROGRESS));
            env.put("INTERSESSION_GATEWAY_UPSTREAMS_NOTIFICATION", endpoints.serviceUrls().get(ServiceSpec.NOTIFICATION));
            env.put("INTERSESSION_GATEWAY_KEYS_DIRECTORY", endpoints.gatewayKeyDirectory().toString());
            env.put("INTERSESSION_OPERATOR_EMAIL", endpoints.operatorEmail());
            env.put("INTERSESSION_OPERATOR_PASSWORD", endpoints.operatorPassword());
            env.put("INTERSESSION_EVENTS_ENCRYPTION_KEY", endpoints.eventsEncryptionKey());
        } else {
            env.put("INTERSESSION_JWT_JWKS_URL", endpoints.serviceUrls().get(ServiceSpec.GATEWAY) + "/.well-known/jwks.json");
            // only the gateway is public: the services behind it listen where nothing else reaches them
            env.put("QUARKUS_HTTP_HOST", endpoints.serviceHost());
        }
        if (spec == ServiceSpec.NOTIFICATION) {
            env.put("QUARKUS_MAILER_HOST", endpoints.smtpHost());
            env.put("QUARKUS_MAILER_PORT", String.valueOf(endpoints.smtpPort()));
            env.put("INTERSESSION_WEBHOOKS_ENCRYPTION_KEY", endpoints.webhookEncryptionKey());
            env.put("INTERSESSION_EVENTS_ENCRYPTION_KEY", endpoints.eventsEncryptionKey());
            // invitation emails link to the gateway's own page, on whatever port it was given
            env.put("INTERSESSION_NOTIFICATION_INVITATION_URL", endpoints.serviceUrls().get(ServiceSpec.GATEWAY) + "/accept-invitation?code=");
        }
        return env;
    }
}
