/**
 * Portals, portal memberships and availability: the domain types {@link io.switchboard.portal.portals.Portal}
 * and {@link io.switchboard.portal.portals.PortalMember} decide and return their events; the services check
 * the caller with {@link io.switchboard.events.access.PortalAccess} (org role and permissions from the
 * platform's membership projection, portal role from this service's portal_members) and write through
 * {@link io.switchboard.portal.change.OrgWrites}; {@link io.switchboard.portal.portals.OrgMemberEvents} applies
 * org-service's membership events to portals.
 */
package io.switchboard.portal.portals;
