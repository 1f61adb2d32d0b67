/**
 * Kafka listeners: org.memberships.v1, portal.portals.v1, portal.availability.v1 and conversations.inbound.v1,
 * each record applied once through the inbox and, when it changes who can take work, with the queues drained in
 * the same transaction.
 */
package io.switchboard.routing.inbound;
