-- Adherence reads an assignment's entries by occurrence key and needs only their outcome. Carrying clinic, status
-- and lateness in the one-entry-per-occurrence index lets a caseload (200 assignments, 56 days) be answered from the
-- index alone, without visiting the table. Same name and uniqueness as before, so nothing relying on it changes.
drop index progress_entry_per_occurrence;
create unique index progress_entry_per_occurrence on progress_entry (assignment_id, occurrence_key) include (clinic_id, status, late);
