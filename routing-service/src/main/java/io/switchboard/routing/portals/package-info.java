/** Routing's projection of portals, portal members and availability, and routing's own settings per portal. */
package io.switchboard.routing.portals;
