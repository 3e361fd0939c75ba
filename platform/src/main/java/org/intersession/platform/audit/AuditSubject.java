package org.intersession.platform.audit;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import jakarta.enterprise.context.RequestScoped;
import org.intersession.platform.security.Caller;
import org.intersession.platform.security.Role;

import java.util.Optional;
import java.util.UUID;

/**
 * The client whose data the current request touches, as the service that loaded it knows. The gateway writes the
 * audit record and reads it from the {@link #HEADER} response header, which it strips before the answer goes out.
 * A request touching several clients names none.
 */
@RequestScoped
public class AuditSubject {

    public static final String HEADER = "Intersession-Audit-Client";

    private UUID clientId;
    private boolean several;

    /**
     * Declares the client concerned. Static so that shared load helpers can call it: outside a request (Kafka
     * consumers, scheduled jobs) there is nothing to audit and it does nothing.
     */
    public static void concerns(UUID clientId) {
        ArcContainer container = Arc.container();
        if (clientId != null && container != null && container.requestContext().isActive()) {
            container.instance(AuditSubject.class).get().declare(clientId);
        }
    }

    /** A client reading or changing their own data is the client concerned. */
    public static void concernsCaller(Caller caller) {
        if (caller.is(Role.CLIENT)) {
            concerns(caller.id());
        }
    }

    void declare(UUID id) {
        if (clientId == null) {
            clientId = id;
        } else if (!clientId.equals(id)) {
            several = true;
        }
    }

    public Optional<UUID> clientId() {
        return several ? Optional.empty() : Optional.ofNullable(clientId);
    }
}
