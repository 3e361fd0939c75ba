-- A counter of every change to a template row (edits and archiving), for its ETag: If-Match on an edit loses nothing.
alter table template add column row_version bigint not null default 0;
