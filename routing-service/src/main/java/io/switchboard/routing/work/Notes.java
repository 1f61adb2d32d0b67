package io.switchboard.routing.work;

import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The repository of notes on work items (table work_notes). */
@Component
class Notes {

    private final DatabaseClient db;

    Notes(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> add(UUID orgId, NoteView note) {
        return db.sql("insert into work_notes (id, org_id, work_id, author_id, text, created_at) values (:id, :org, :work, :author, :text, :at)")
                .bind("id", note.id()).bind("org", orgId).bind("work", note.conversationId()).bind("author", note.authorId())
                .bind("text", note.text()).bind("at", note.createdAt())
                .fetch().rowsUpdated().then();
    }

    Flux<NoteView> of(UUID orgId, UUID workId) {
        return db.sql("select id, work_id, author_id, text, created_at from work_notes where org_id = :org and work_id = :work order by created_at, id")
                .bind("org", orgId).bind("work", workId)
                .map(row -> new NoteView(row.get("id", UUID.class), row.get("work_id", UUID.class), row.get("author_id", UUID.class),
                        row.get("text", String.class), row.get("created_at", Instant.class)))
                .all();
    }
}
