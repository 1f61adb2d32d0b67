package io.switchboard.portal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.portal.dashboard.WorkItem.Kind;
import io.switchboard.portal.dashboard.WorkItem.Outcome;
import io.switchboard.portal.dashboard.WorkItem.Position;
import io.switchboard.portal.dashboard.WorkItem.State;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkItemTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID WORK = UUID.randomUUID();
    private static final UUID PORTAL = UUID.randomUUID();
    private static final UUID OTHER_PORTAL = UUID.randomUUID();
    private static final UUID TEAM = UUID.randomUUID();
    private static final UUID ANA = UUID.randomUUID();
    private static final UUID BEN = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    private static Position at(long offset) {
        return new Position(1, offset);
    }

    private static WorkItem conversation() {
        return WorkItem.unseen(ORG, WORK, Kind.CONVERSATION);
    }

    private static WorkItem lead() {
        return WorkItem.unseen(ORG, WORK, Kind.LEAD);
    }

    @Test
    void queued_thenAssigned_thenClosed_isHandledByItsHolder() {
        WorkItem queued = conversation().queued(at(1), PORTAL, TEAM, "SMS", null, null, T0);
        assertThat(queued.state()).isEqualTo(State.QUEUED);
        assertThat(queued.queuedAt()).isEqualTo(T0);
        assertThat(queued.openedAt()).isEqualTo(T0);

        WorkItem assigned = queued.assigned(at(2), PORTAL, TEAM, "SMS", ANA, null, T0, T0.plusSeconds(30));
        assertThat(assigned.state()).isEqualTo(State.ASSIGNED);
        assertThat(assigned.assigneeId()).isEqualTo(ANA);
        assertThat(assigned.assignedAt()).isEqualTo(T0.plusSeconds(30));

        WorkItem closed = assigned.closed(at(3), PORTAL, TEAM, "SMS", ANA, T0, T0.plusSeconds(600));
        assertThat(closed.state()).isEqualTo(State.CLOSED);
        assertThat(closed.handledBy()).isEqualTo(ANA);
        assertThat(closed.closedAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(closed.position()).isEqualTo(at(3));
    }

    @Test
    void anEventAtOrBeforeTheRowsRecord_changesNothing() {
        WorkItem closed = conversation().assigned(at(5), PORTAL, TEAM, "SMS", ANA, null, T0, T0)
                .closed(at(6), PORTAL, TEAM, "SMS", ANA, T0, T0.plusSeconds(60));

        assertThat(closed.closed(at(6), PORTAL, TEAM, "SMS", ANA, T0, T0.plusSeconds(60))).isSameAs(closed); // delivered again
        assertThat(closed.assigned(at(5), PORTAL, TEAM, "SMS", ANA, null, T0, T0)).isSameAs(closed); // an older record again
        assertThat(closed.queued(at(4), PORTAL, TEAM, "SMS", null, null, T0)).isSameAs(closed);
        assertThat(closed.unassigned(at(6), PORTAL, ANA, T0)).isSameAs(closed);
        assertThat(closed.statusChanged(at(2), PORTAL, TEAM, ANA, "won", Outcome.WON, T0, T0)).isSameAs(closed);
    }

    @Test
    void anotherPartition_isALaterRecord() {
        WorkItem assigned = conversation().assigned(new Position(0, 100), PORTAL, TEAM, "SMS", ANA, null, T0, T0);
        assertThat(assigned.closed(new Position(2, 3), PORTAL, TEAM, "SMS", ANA, T0, T0).state()).isEqualTo(State.CLOSED);
    }

    @Test
    void unassigned_fromTheHolder_waitsAgain_andTheFollowingAssignmentGoesToTheNewHolder() {
        WorkItem assigned = conversation().assigned(at(1), PORTAL, TEAM, "SMS", ANA, null, T0, T0);

        WorkItem unassigned = assigned.unassigned(at(2), PORTAL, ANA, T0.plusSeconds(5));
        assertThat(unassigned.state()).isEqualTo(State.QUEUED);
        assertThat(unassigned.assigneeId()).isNull();
        assertThat(unassigned.queuedAt()).isEqualTo(T0.plusSeconds(5));

        WorkItem reassigned = unassigned.assigned(at(3), PORTAL, TEAM, "SMS", BEN, null, T0, T0.plusSeconds(5));
        assertThat(reassigned.assigneeId()).isEqualTo(BEN);
        assertThat(reassigned.openedAt()).isEqualTo(T0);
    }

    @Test
    void unassigned_ofSomeoneWhoNoLongerHoldsIt_orOfClosedWork_keepsTheRow() {
        WorkItem bens = conversation().assigned(at(1), PORTAL, TEAM, "SMS", BEN, null, T0, T0);
        WorkItem after = bens.unassigned(at(2), PORTAL, ANA, T0);
        assertThat(after.assigneeId()).isEqualTo(BEN);
        assertThat(after.state()).isEqualTo(State.ASSIGNED);
        assertThat(after.position()).isEqualTo(at(2));

        WorkItem closed = bens.closed(at(3), PORTAL, TEAM, "SMS", BEN, T0, T0);
        assertThat(closed.unassigned(at(4), PORTAL, BEN, T0).state()).isEqualTo(State.CLOSED);

        assertThat(conversation().unassigned(at(1), PORTAL, BEN, T0).isUnseen()).isTrue();
    }

    @Test
    void reroutedToAnotherPortal_movesTheRow() {
        WorkItem moved = conversation().assigned(at(1), PORTAL, TEAM, "SMS", ANA, null, T0, T0)
                .unassigned(at(2), OTHER_PORTAL, ANA, T0)
                .queued(at(3), OTHER_PORTAL, null, "SMS", null, null, T0.plusSeconds(1));
        assertThat(moved.portalId()).isEqualTo(OTHER_PORTAL);
        assertThat(moved.teamId()).isNull();
        assertThat(moved.state()).isEqualTo(State.QUEUED);
    }

    @Test
    void closedFromTheQueue_isHandledByNobody() {
        WorkItem closed = conversation().queued(at(1), PORTAL, TEAM, "SMS", null, null, T0).closed(at(2), PORTAL, TEAM, "SMS", null, null, T0);
        assertThat(closed.state()).isEqualTo(State.CLOSED);
        assertThat(closed.handledBy()).isNull();
        assertThat(closed.openedAt()).isEqualTo(T0);
    }

    @Test
    void lead_wonByItsHolder_isClosedAndHandled_andKeepsItsFirstCloseTimeWhenItTurnsLost() {
        WorkItem assigned = lead().queued(at(1), PORTAL, TEAM, null, "new", T0, T0)
                .assigned(at(2), PORTAL, TEAM, null, ANA, "new", T0, T0.plusSeconds(1));
        assertThat(assigned.outcome()).isEqualTo(Outcome.OPEN);
        assertThat(assigned.statusId()).isEqualTo("new");

        WorkItem contacted = assigned.statusChanged(at(3), PORTAL, TEAM, ANA, "contacted", Outcome.OPEN, T0, T0.plusSeconds(2));
        assertThat(contacted.state()).isEqualTo(State.ASSIGNED);
        assertThat(contacted.statusId()).isEqualTo("contacted");

        WorkItem won = contacted.statusChanged(at(4), PORTAL, TEAM, ANA, "won", Outcome.WON, T0, T0.plusSeconds(3));
        assertThat(won.state()).isEqualTo(State.CLOSED);
        assertThat(won.outcome()).isEqualTo(Outcome.WON);
        assertThat(won.handledBy()).isEqualTo(ANA);
        assertThat(won.assigneeId()).isEqualTo(ANA);
        assertThat(won.closedAt()).isEqualTo(T0.plusSeconds(3));

        WorkItem lost = won.statusChanged(at(5), PORTAL, TEAM, ANA, "lost", Outcome.LOST, T0, T0.plusSeconds(9));
        assertThat(lost.outcome()).isEqualTo(Outcome.LOST);
        assertThat(lost.closedAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void lead_reopened_isItsHoldersAgain_orWaits() {
        WorkItem won = lead().assigned(at(1), PORTAL, TEAM, null, ANA, "new", T0, T0)
                .statusChanged(at(2), PORTAL, TEAM, ANA, "won", Outcome.WON, T0, T0);

        WorkItem reopened = won.statusChanged(at(3), PORTAL, TEAM, ANA, "qualified", Outcome.OPEN, T0, T0.plusSeconds(5));
        assertThat(reopened.state()).isEqualTo(State.ASSIGNED);
        assertThat(reopened.closedAt()).isNull();
        assertThat(reopened.handledBy()).isNull();

        WorkItem wonFromQueue = lead().queued(at(1), PORTAL, TEAM, null, "new", T0, T0)
                .statusChanged(at(2), PORTAL, TEAM, null, "won", Outcome.WON, T0, T0);
        assertThat(wonFromQueue.handledBy()).isNull();
        WorkItem waitsAgain = wonFromQueue.statusChanged(at(3), PORTAL, TEAM, null, "new", Outcome.OPEN, T0, T0.plusSeconds(5));
        assertThat(waitsAgain.state()).isEqualTo(State.QUEUED);
        assertThat(waitsAgain.queuedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void openedAt_isTheEarliestKnown() {
        WorkItem item = conversation().queued(at(1), PORTAL, TEAM, "SMS", null, null, T0.plusSeconds(10))
                .assigned(at(2), PORTAL, TEAM, "SMS", ANA, null, T0, T0.plusSeconds(20));
        assertThat(item.openedAt()).isEqualTo(T0);
    }
}
