/**
 * Routing's settings per portal: the strategy for work that targets the portal and no team, and after how many
 * minutes away a member's open conversations are routed again (null: never).
 */
package io.switchboard.routing.settings;
