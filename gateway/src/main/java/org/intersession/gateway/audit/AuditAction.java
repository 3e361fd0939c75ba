package org.intersession.gateway.audit;

/** What a request did with client data. A GET of one record is a READ, of a collection a LIST. */
public enum AuditAction {
    READ,
    LIST,
    CREATE,
    UPDATE,
    DELETE
}
