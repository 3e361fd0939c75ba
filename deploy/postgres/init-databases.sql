-- One database per service, as each service owns its data. Run once by the postgres image on first start.
create database gateway;
create database assignment;
create database progress;
create database notification;
