package io.switchboard.events.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * A channel integration saw a new conversation (conversations.inbound.v1). {@code externalId} is the
 * integration's id for it, unique in the organization: a second {@code opened} with the same one is the same
 * conversation. {@code teamId} is optional (null: the portal's members). {@code channel} is one of
 * routing's channels (SMS, LIVE_CHAT, FACEBOOK, WHATSAPP, EMAIL, INSTAGRAM).
 */
public record ConversationOpened(UUID orgId, String externalId, UUID portalId, UUID teamId, UUID clientId, String channel,
                                 String customerName, String subject, Instant openedAt) {
}
