/**
 * Onboarding: the routing setup given with an invitation (or a direct creation), carried on org.member.joined,
 * applied when the member joins: their routing profile (only clients that exist in the organization) and their
 * teams (only live teams of the organization; a team membership waits in pending_team_members until the member
 * is in the team's portal).
 */
package io.switchboard.routing.onboarding;
