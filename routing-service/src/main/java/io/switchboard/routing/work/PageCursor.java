package io.switchboard.routing.work;

import io.switchboard.routing.access.RoutingProblems;
import java.time.Instant;
import java.util.UUID;

/**
 * Where the next page of a newest-first list starts: the last item's opening time and id, so that items opened
 * in the same instant are neither skipped nor repeated. Travels as {@code <instant>_<id>}.
 */
public record PageCursor(Instant openedAt, UUID id) {

    public static PageCursor after(WorkItem last) {
        return new PageCursor(last.openedAt(), last.id());
    }

    public static PageCursor parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int split = text.lastIndexOf('_');
        try {
            return new PageCursor(Instant.parse(text.substring(0, split)), UUID.fromString(text.substring(split + 1)));
        } catch (RuntimeException malformed) {
            throw RoutingProblems.invalid("before", "is not a nextBefore value of this list");
        }
    }

    @Override
    public String toString() {
        return openedAt + "_" + id;
    }
}
