package org.intersession.progress.entry;

public enum EntryStatus {
    DONE,
    PARTIAL,
    SKIPPED
}
