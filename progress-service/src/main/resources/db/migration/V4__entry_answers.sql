-- Entries are for one occurrence of the schedule and carry structured answers (validated against the schema the
-- assignment pinned), ratings, a skip reason when skipped, and a note the client may keep private.
alter table tracked_assignment add column field_schema jsonb;

alter table progress_entry
    add column occurrence_key     varchar(16),
    add column late               boolean      not null default false,
    add column answers            jsonb        not null default '{}',
    add column mood_before        smallint     check (mood_before between 0 and 10),
    add column mood_after         smallint     check (mood_after between 0 and 10),
    add column distress_before    smallint     check (distress_before between 0 and 100),
    add column distress_after     smallint     check (distress_after between 0 and 100),
    add column minutes_spent      smallint     check (minutes_spent between 0 and 1440),
    add column note_private       boolean      not null default false,
    add column skip_reason        varchar(30),
    add column skip_reason_text   varchar(500);

update progress_entry set occurrence_key = to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') where occurrence_key is null;
alter table progress_entry alter column occurrence_key set not null;

-- One entry per occurrence; a second one for the same occurrence is a conflict (it should amend the first).
create unique index progress_entry_per_occurrence on progress_entry (assignment_id, occurrence_key);
