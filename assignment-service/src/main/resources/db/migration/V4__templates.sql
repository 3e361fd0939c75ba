-- Homework templates: the built-in library (clinic_id null, seeded from data files) and each clinic's own.
-- Every edit makes a new version; an assignment pins the version it was made from, with a copy of its schema.
create table template (
    id              uuid         primary key,
    clinic_id       uuid,
    slug            varchar(80)  not null,
    category        varchar(40)  not null,
    status          varchar(10)  not null check (status in ('ACTIVE', 'ARCHIVED')),
    current_version integer      not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);

create unique index template_slug on template (coalesce(clinic_id, '00000000-0000-0000-0000-000000000000'), slug);
create index template_by_clinic on template (clinic_id, created_at, id);

create table template_version (
    template_id          uuid          not null references template (id),
    version              integer       not null,
    title                varchar(200)  not null,
    description          varchar(500),
    default_instructions varchar(4000),
    default_rationale    varchar(2000),
    field_schema         jsonb         not null,
    created_by           uuid,
    created_at           timestamptz   not null,
    primary key (template_id, version)
);

alter table assignment
    add column template_id      uuid,
    add column template_version integer,
    add column field_schema     jsonb;
