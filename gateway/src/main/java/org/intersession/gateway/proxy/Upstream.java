package org.intersession.gateway.proxy;

/** The services the gateway forwards to. */
public enum Upstream {
    ASSIGNMENT,
    PROGRESS,
    NOTIFICATION
}
