/**
 * The portal dashboards: a read model of routing.assignments.v1 (one row per conversation or lead, members'
 * capacities, the organization's lead statuses) and the organization's time zone, counted with indexed SQL when a
 * dashboard is read; availability is portal-service's own (portal_members).
 */
package io.switchboard.portal.dashboard;
