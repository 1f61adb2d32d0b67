/**
 * Routing profiles: per member, the channels they may take work on with a capacity each (agent_channels), and the
 * clients they handle on which of those channels (profile_clients). Replacing a profile drains the queues at once.
 */
package io.switchboard.routing.profiles;
