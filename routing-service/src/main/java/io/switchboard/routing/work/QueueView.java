package io.switchboard.routing.work;

import java.util.List;
import java.util.UUID;

/**
 * One FIFO queue (portal, team, channel, client) with what waits in it. {@code estimatedWaitSeconds} of an item:
 * its position divided by the rate this queue's kind of work (portal, channel, client) was assigned over the
 * last hour; null when nothing was assigned in that hour (no basis for an estimate).
 */
public record QueueView(UUID portalId, UUID teamId, String channel, UUID clientId, int length, long oldestWaitSeconds,
                        List<Waiting> items) {

    public record Waiting(UUID id, String externalId, int position, long waitingSeconds, Long estimatedWaitSeconds) {
    }
}
