/**
 * Kafka listeners: org.organizations.v1 and org.memberships.v1 (group portal-service), routing.assignments.v1 (the
 * dashboards' own group), each record applied once through the inbox.
 */
package io.switchboard.portal.inbound;
