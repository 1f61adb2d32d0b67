package io.switchboard.routing.leads;

import io.switchboard.routing.work.NoteView;
import java.time.Instant;
import java.util.UUID;

/** A note on a lead. */
record LeadNoteView(UUID id, UUID leadId, UUID authorId, String text, Instant createdAt) {

    static LeadNoteView of(NoteView note) {
        return new LeadNoteView(note.id(), note.conversationId(), note.authorId(), note.text(), note.createdAt());
    }
}
