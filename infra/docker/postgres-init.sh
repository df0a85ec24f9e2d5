#!/bin/sh
# PostgreSQL's first start (/docker-entrypoint-initdb.d): one database per service, as
# `shomei-infra postgres` makes them. A new service adds its database here.
set -eu
for database in admin enrollment gateway identity notifier ordering payment print_gateway; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -c "CREATE DATABASE $database"
done
