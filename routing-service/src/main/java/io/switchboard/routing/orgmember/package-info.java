/** Routing's projection of the organization's members (org.memberships.v1): who is active and in which org role. */
package io.switchboard.routing.orgmember;
