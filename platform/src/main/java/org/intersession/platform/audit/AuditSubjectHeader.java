package org.intersession.platform.audit;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Tells the gateway which client a response concerns, for its audit record (errors included). */
public class AuditSubjectHeader {

    private final AuditSubject subject;

    AuditSubjectHeader(AuditSubject subject) {
        this.subject = subject;
    }

    @ServerResponseFilter
    public void declare(ContainerResponseContext response) {
        subject.clientId().ifPresent(id -> response.getHeaders().putSingle(AuditSubject.HEADER, id.toString()));
    }
}
