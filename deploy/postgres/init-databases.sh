#!/usr/bin/env bash
# One database and one login role per service, each role owning its own database and able to connect to no other.
# The postgres image runs this once, on its first start (an empty data directory), with the passwords that
# docker-compose.yml passes from .env; changing them later is done in PostgreSQL (see docs/self-hosting.md).
set -euo pipefail

create_service_database() { # name, password: a role and a database, both called name
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres --no-psqlrc \
    --set name="$1" --set password="$2" <<'SQL'
create role :"name" login password :'password';
create database :"name" owner :"name";
revoke all on database :"name" from public;
SQL
}

create_service_database gateway "${GATEWAY_DB_PASSWORD:?set GATEWAY_DB_PASSWORD}"
create_service_database assignment "${ASSIGNMENT_DB_PASSWORD:?set ASSIGNMENT_DB_PASSWORD}"
create_service_database progress "${PROGRESS_DB_PASSWORD:?set PROGRESS_DB_PASSWORD}"
create_service_database notification "${NOTIFICATION_DB_PASSWORD:?set NOTIFICATION_DB_PASSWORD}"
