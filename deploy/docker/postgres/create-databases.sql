-- The databases of docker-compose.yml's PostgreSQL, created by the postgres image on its first start (an empty
-- data volume): one per service, named as in deploy/devstack's topology.properties (<service>.database; the
-- devstack's DockerComposeTest checks that they match), and Keycloak's. Each service's Flyway creates its tables.
CREATE DATABASE identity_service;
CREATE DATABASE org_service;
CREATE DATABASE portal_service;
CREATE DATABASE routing_service;
CREATE DATABASE notification_service;
CREATE DATABASE keycloak;
