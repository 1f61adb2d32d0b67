package io.switchboard.events.conversation;

import java.time.Instant;
import java.util.UUID;

/** The customer wrote again in a conversation the integration opened before (conversations.inbound.v1). */
public record CustomerReplied(UUID orgId, String externalId, String preview, Instant repliedAt) {
}
