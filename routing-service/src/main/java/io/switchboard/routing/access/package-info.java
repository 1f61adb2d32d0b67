/** Who is calling: an active member of the organization from the path, with their role and permissions. */
package io.switchboard.routing.access;
