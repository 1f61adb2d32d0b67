/** The organization's members as org.memberships.v1 tells them, kept durably for member lists and "is an active member" checks. */
package io.switchboard.portal.orgmember;
