package io.switchboard.notification.inapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotifierLockOrderTest {

    private static Draft draft(UUID user, String tag) {
        return new Draft(user, UUID.randomUUID(), null, Kind.CONVERSATION_ASSIGNED, "t", "b", "/u", tag, Draft.HIGH);
    }

    @Test
    void draftsOfTwoPeopleAreWrittenInLockKeyOrderWhateverTheirOrder() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Draft toA = draft(a, "a");
        Draft toB = draft(b, "b");
        List<Draft> oneWay = Notifier.inLockOrder(List.of(toA, toB));
        List<Draft> otherWay = Notifier.inLockOrder(List.of(toB, toA));
        assertThat(oneWay).isEqualTo(otherWay);
        assertThat(NotificationStore.lockKey(oneWay.get(0).userId())).isLessThanOrEqualTo(NotificationStore.lockKey(oneWay.get(1).userId()));
    }

    @Test
    void onePersonsDraftsKeepTheirOrder() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Draft first = draft(a, "1");
        Draft second = draft(a, "2");
        List<Draft> sorted = Notifier.inLockOrder(List.of(first, draft(b, "x"), second));
        assertThat(sorted.stream().filter(d -> d.userId().equals(a)).toList()).containsExactly(first, second);
    }
}
