-- Consecutive missed occurrences per assignment, reset when the client logs one; the therapist hears at a threshold.
create table missed_streak (
    assignment_id uuid    primary key,
    clinic_id     uuid    not null,
    missed        integer not null
);
