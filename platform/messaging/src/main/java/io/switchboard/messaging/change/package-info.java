/**
 * What a service's write path commits in one transaction: who made the change, a domain transition's
 * result, the events it raised (for the outbox) and its audit lines, and how to tell which constraint a
 * write violated. Shared by every service that writes, so their write paths read alike.
 */
package io.switchboard.messaging.change;
