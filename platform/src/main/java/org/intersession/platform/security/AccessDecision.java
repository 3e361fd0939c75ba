package org.intersession.platform.security;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.RequestScoped;

/**
 * Whether the current request has passed a row of its service's access matrix ({@link AccessRule}). A request's first
 * database session for a clinic checks it (Tenancy): a resource or service that reads client data without asking the
 * matrix first fails loudly instead of answering.
 */
@RequestScoped
@Unremovable
public class AccessDecision {

    private boolean made;

    /** Records that the request passed an access rule. Outside a request it does nothing. */
    static void record() {
        ArcContainer container = Arc.container();
        if (container != null && container.requestContext().isActive()) {
            InstanceHandle<AccessDecision> decision = container.instance(AccessDecision.class);
            if (decision.isAvailable()) {
                decision.get().mark();
            }
        }
    }

    /** Whether the current request passed an access rule; false outside a request. */
    public static boolean made() {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return false;
        }
        InstanceHandle<AccessDecision> decision = container.instance(AccessDecision.class);
        return decision.isAvailable() && decision.get().isMade();
    }

    // through methods: the instance handed out is the bean's client proxy, whose own fields are not the bean's
    void mark() {
        made = true;
    }

    boolean isMade() {
        return made;
    }
}
