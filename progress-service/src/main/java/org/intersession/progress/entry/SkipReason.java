package org.intersession.progress.entry;

/** Why homework was skipped, as a code the therapist can tally, plus optional words of the client's own. */
public enum SkipReason {
    FORGOT,
    NO_TIME,
    TOO_DIFFICULT,
    DID_NOT_UNDERSTAND,
    NOT_HELPFUL,
    FELT_UNWELL,
    OTHER
}
