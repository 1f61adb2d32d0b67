package io.switchboard.events.conversation;

import java.time.Instant;
import java.util.UUID;

/** The channel closed a conversation (the customer left, the thread was resolved there) (conversations.inbound.v1). */
public record ConversationEnded(UUID orgId, String externalId, Instant closedAt) {
}
