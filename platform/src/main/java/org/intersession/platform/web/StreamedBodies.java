package org.intersession.platform.web;

/**
 * Paths whose request bodies an application streams on and limits itself (the gateway's forwarded routes). Every
 * other body of unknown length is read and limited by {@link RequestLimits} before a resource sees it.
 */
public interface StreamedBodies {

    boolean streams(String path);
}
