/**
 * An organization's clients (the brands or accounts it serves): a small registry that routing profiles and work
 * items refer to. Deleting one keeps its row for old work and takes it out of every routing profile.
 */
package io.switchboard.routing.clients;
