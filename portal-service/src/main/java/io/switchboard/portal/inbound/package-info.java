/** Kafka listeners: org.organizations.v1 and org.memberships.v1, each record applied once through the inbox. */
package io.switchboard.portal.inbound;
