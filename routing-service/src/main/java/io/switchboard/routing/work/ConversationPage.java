package io.switchboard.routing.work;

import java.util.List;

/** One page of a portal's conversations, newest first; {@code nextBefore} fetches the next (null: no more). */
public record ConversationPage(List<ConversationView> items, String nextBefore) {
}
