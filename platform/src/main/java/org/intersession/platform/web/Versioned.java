package org.intersession.platform.web;

/** One resource as answered, with the row version its ETag is made from ({@link ETags}). */
public record Versioned<T>(T body, long version) {
}
