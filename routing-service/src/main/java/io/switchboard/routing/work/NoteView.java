package io.switchboard.routing.work;

import java.time.Instant;
import java.util.UUID;

public record NoteView(UUID id, UUID conversationId, UUID authorId, String text, Instant createdAt) {
}
