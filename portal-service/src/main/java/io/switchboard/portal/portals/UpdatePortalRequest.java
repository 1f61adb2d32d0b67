package io.switchboard.portal.portals;

/** Only the fields present change; an empty description or accent colour removes it. */
record UpdatePortalRequest(String name, String description, String accentColor) {
}
