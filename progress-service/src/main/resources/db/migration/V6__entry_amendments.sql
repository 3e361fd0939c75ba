-- A client may correct an entry; every earlier state is kept as a revision, so nothing logged is ever lost.
alter table progress_entry
    add column version    integer     not null default 1,
    add column amended_at timestamptz;

create table progress_entry_revision (
    entry_id    uuid        not null references progress_entry (id),
    version     integer     not null,
    clinic_id   uuid        not null,
    state       jsonb       not null,
    replaced_at timestamptz not null,
    primary key (entry_id, version)
);
