package io.switchboard.routing.invariant;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventCatalog;
import io.switchboard.events.conversation.ConversationEnded;
import io.switchboard.events.conversation.ConversationOpened;
import io.switchboard.events.org.MemberDeactivated;
import io.switchboard.events.org.MemberJoined;
import io.switchboard.events.org.MemberReactivated;
import io.switchboard.events.org.MemberRemoved;
import io.switchboard.events.portal.AvailabilityChanged;
import io.switchboard.routing.work.InboundConversations;
import io.switchboard.testing.Events;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 9, Done-when 1: the routing invariants under concurrency, on a {@link RoutingCluster} of two instances.
 *
 * <p>Openers (half of them on each instance) open conversations through {@link InboundConversations} (what the
 * conversations.inbound.v1 listener calls, through the organization's write) and close random ones; meanwhile
 * availability flaps (portal.availability.changed from portal-service) and removals and deactivations (org.member.*
 * from org-service), each later undone by a join or a reactivation, arrive as real Kafka records through the
 * listeners. A sampler reads the database concurrently the whole time.
 *
 * <p>Checked: (1) at every sample, no (agent, channel) holds more ASSIGNED work than its capacity and its
 * {@code open_count} equals what it holds; (2) replaying routing.assignments.v1 per work item, nobody takes an
 * item another still holds, unassigned/rerouted/closed name the holder, and per (agent, channel) the held count
 * never exceeds the capacity and equals the {@code openOnChannel} each assignment reports; (3) at the end every
 * opened conversation exists, is ASSIGNED, QUEUED or CLOSED, its status and assignee are what the event log says,
 * no ASSIGNED work belongs to a removed or deactivated member, and no QUEUED conversation has an eligible agent
 * with room (that would be a missed trigger: the safety net is off).
 */
public final class InvariantRun {

    /** The size of a run. */
    public record Size(int orgs, int agentsPerOrg, int conversations, int openers, double closeRatio, int flapsPerSecond,
                       int removals, int maxCapacity) {
    }

    /** What a run measured, for the report. */
    public record Outcome(int opened, int closes, int flaps, int removals, int samples, int events, Map<String, Integer> finalStatus,
                          long millis) {
    }

    private final RoutingCluster cluster;
    private final Size size;
    private final Random random = new Random(Long.getLong("routing.invariant.seed", System.nanoTime()));
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>() {
        @Override
        public boolean addAll(java.util.Collection<? extends String> more) {
            return size() < 200 && super.addAll(more);
        }

        @Override
        public boolean add(String more) {
            return size() < 200 && super.add(more);
        }
    };
    private final List<UUID> publishedIds = new CopyOnWriteArrayList<>();

    public InvariantRun(RoutingCluster cluster, Size size) {
        this.cluster = cluster;
        this.size = size;
    }

    public Outcome run() throws Exception {
        long started = System.nanoTime();
        List<RoutingFixture.Org> orgs = new ArrayList<>();
        try (Connection db = cluster.jdbc()) {
            for (int i = 0; i < size.orgs(); i++) {
                orgs.add(RoutingFixture.create(db, new RoutingFixture.Shape(2, 3, size.agentsPerOrg(), size.maxCapacity(), 0.6, 0.7,
                        List.of("ROUND_ROBIN", "LOAD_BALANCED"), false), random));
            }
        }
        Set<UUID> orgIds = new HashSet<>();
        orgs.forEach(org -> orgIds.add(org.id()));
        Map<UUID, List<String>> open = new ConcurrentHashMap<>();
        orgs.forEach(org -> open.put(org.id(), Collections.synchronizedList(new ArrayList<>())));
        Map<UUID, Integer> opened = new ConcurrentHashMap<>();
        AtomicInteger remaining = new AtomicInteger(size.conversations());
        AtomicInteger closes = new AtomicInteger();
        AtomicInteger flaps = new AtomicInteger();
        AtomicInteger removals = new AtomicInteger();
        AtomicInteger samples = new AtomicInteger();
        AtomicBoolean openersDone = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();

        ExecutorService pool = Executors.newFixedThreadPool(size.openers() + 3);
        List<Future<?>> openers = new ArrayList<>();
        try (Events events = Events.onSharedBroker()) {
            Future<?> sampler = pool.submit(() -> sample(orgIds, stop, samples));
            for (int t = 0; t < size.openers(); t++) {
                int thread = t;
                openers.add(pool.submit(() -> open(thread, orgs, open, opened, remaining, closes)));
            }
            Future<?> flapper = pool.submit(() -> flap(events, orgs, openersDone, flaps));
            Future<?> remover = pool.submit(() -> remove(events, orgs, openersDone, removals));
            for (Future<?> opener : openers) {
                opener.get(30, TimeUnit.MINUTES);
            }
            openersDone.set(true);
            flapper.get(1, TimeUnit.MINUTES);
            remover.get(1, TimeUnit.MINUTES);
            awaitConsumed();
            awaitOutboxSent();
            stop.set(true);
            sampler.get(1, TimeUnit.MINUTES);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertThat(failures).as("errors from the service while opening/closing/publishing").isEmpty();

        int total = opened.values().stream().mapToInt(Integer::intValue).sum();
        Map<UUID, State> replayed = replay(orgs, orgIds);
        Map<String, Integer> finalStatus = new HashMap<>();
        try (Connection db = cluster.jdbc()) {
            violations.addAll(overCapacityNow(db, orgIds, "at the end"));
            finalChecks(db, orgIds, total, replayed, finalStatus);
        }
        assertThat(samples.get()).as("concurrent samples taken").isGreaterThan(0);
        assertThat(violations).as("invariant violations").isEmpty();
        return new Outcome(total, closes.get(), flaps.get(), removals.get(), samples.get(), eventsRead,
                finalStatus, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    // ---------------------------------------------------------------------------------------------------------
    // the load
    // ---------------------------------------------------------------------------------------------------------

    private void open(int thread, List<RoutingFixture.Org> orgs, Map<UUID, List<String>> open, Map<UUID, Integer> opened,
                      AtomicInteger remaining, AtomicInteger closes) {
        Random mine = new Random(random.nextLong());
        InboundConversations service = cluster.bean(thread % cluster.size(), InboundConversations.class);
        try {
            while (remaining.getAndDecrement() > 0) {
                RoutingFixture.Org org = orgs.get(mine.nextInt(orgs.size()));
                String externalId = "inv:" + UUID.randomUUID();
                service.opened(new ConversationOpened(org.id(), externalId, org.portal(mine), null, org.client(mine),
                        RoutingFixture.CHANNELS.get(mine.nextInt(RoutingFixture.CHANNELS.size())), "Customer", "Subject", Instant.now()))
                        .block(Duration.ofMinutes(1));
                opened.merge(org.id(), 1, Integer::sum);
                List<String> orgOpen = open.get(org.id());
                orgOpen.add(externalId);
                if (mine.nextDouble() < size.closeRatio()) {
                    String closing;
                    synchronized (orgOpen) {
                        closing = orgOpen.remove(mine.nextInt(orgOpen.size()));
                    }
                    InboundConversations closer = cluster.bean(mine.nextInt(cluster.size()), InboundConversations.class);
                    closer.ended(new ConversationEnded(org.id(), closing, Instant.now())).block(Duration.ofMinutes(1));
                    closes.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            failures.add("opener " + thread + ": " + e);
        }
    }

    private void flap(Events events, List<RoutingFixture.Org> orgs, AtomicBoolean done, AtomicInteger flaps) {
        Random mine = new Random(random.nextLong());
        Map<String, Boolean> state = new HashMap<>();
        long pause = Math.max(1, 1000 / Math.max(1, size.flapsPerSecond()));
        try {
            while (!done.get()) {
                RoutingFixture.Org org = orgs.get(mine.nextInt(orgs.size()));
                UUID portal = org.portal(mine);
                UUID agent = org.agent(mine);
                String key = portal + "/" + agent;
                boolean available = !state.getOrDefault(key, Boolean.TRUE) || mine.nextDouble() < 0.3;
                state.put(key, available);
                publishedIds.add(events.publish(EventCatalog.AVAILABILITY_CHANGED, org.id(),
                        new AvailabilityChanged(org.id(), portal, agent, available, null, agent, Instant.now(), "TOGGLED")).id());
                flaps.incrementAndGet();
                Thread.sleep(pause);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failures.add("flapper: " + e);
        }
    }

    /** Removes or deactivates a random agent, and brings back (join again, reactivate) one that left a while ago. */
    private void remove(Events events, List<RoutingFixture.Org> orgs, AtomicBoolean done, AtomicInteger removals) {
        Random mine = new Random(random.nextLong());
        List<UUID[]> away = new ArrayList<>();
        Set<UUID> gone = new HashSet<>();
        long pause = Math.max(20, 1000L * Math.max(1, size.conversations() / 400) / Math.max(1, size.removals()));
        try {
            while (!done.get()) {
                if (removals.get() < size.removals()) {
                    RoutingFixture.Org org = orgs.get(mine.nextInt(orgs.size()));
                    UUID agent = org.agent(mine);
                    if (gone.add(agent)) {
                        boolean remove = mine.nextBoolean();
                        publishedIds.add(remove
                                ? events.publish(EventCatalog.MEMBER_REMOVED, org.id(), new MemberRemoved(org.id(), agent)).id()
                                : events.publish(EventCatalog.MEMBER_DEACTIVATED, org.id(), new MemberDeactivated(org.id(), agent)).id());
                        away.add(new UUID[] {org.id(), agent, remove ? UUID.randomUUID() : null});
                        removals.incrementAndGet();
                    }
                }
                if (away.size() > 3 || (removals.get() >= size.removals() && !away.isEmpty() && mine.nextBoolean())) {
                    UUID[] back = away.remove(0);
                    gone.remove(back[1]);
                    publishedIds.add(back[2] != null
                            ? events.publish(EventCatalog.MEMBER_JOINED, back[0], new MemberJoined(back[0], back[1], "AGENT", "Agent back", null,
                                    List.of(), null)).id()
                            : events.publish(EventCatalog.MEMBER_REACTIVATED, back[0], new MemberReactivated(back[0], back[1], "AGENT")).id());
                }
                Thread.sleep(pause);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failures.add("remover: " + e);
        }
    }

    private void sample(Set<UUID> orgIds, AtomicBoolean stop, AtomicInteger samples) {
        try (Connection db = cluster.jdbc()) {
            while (!stop.get()) {
                violations.addAll(overCapacityNow(db, orgIds, "sample " + samples.get()));
                samples.incrementAndGet();
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            failures.add("sampler: " + e);
        }
    }

    /**
     * One statement, so one snapshot: each (agent, channel) whose ASSIGNED work exceeds its capacity, or whose
     * open_count differs from the ASSIGNED work it holds.
     */
    static List<String> overCapacityNow(Connection db, Set<UUID> orgIds, String when) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("""
                select coalesce(ac.org_id, h.org_id) as org_id, coalesce(ac.user_id, h.assignee_id) as user_id,
                       coalesce(ac.channel, h.channel) as channel, ac.capacity, ac.open_count, coalesce(h.held, 0) as held
                from (select * from agent_channels where org_id = any(?)) ac
                full join (select org_id, assignee_id, channel, count(*) as held from work_items
                           where status = 'ASSIGNED' and org_id = any(?) group by org_id, assignee_id, channel) h
                  on h.org_id = ac.org_id and h.assignee_id = ac.user_id and h.channel = ac.channel
                where ac.user_id is null or coalesce(h.held, 0) > ac.capacity or coalesce(h.held, 0) <> ac.open_count""")) {
            Array orgs = db.createArrayOf("uuid", orgIds.toArray());
            query.setArray(1, orgs);
            query.setArray(2, orgs);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(when + ": agent " + rows.getString("user_id") + " on " + rows.getString("channel") + " holds "
                            + rows.getLong("held") + " ASSIGNED, capacity " + rows.getObject("capacity") + ", open_count " + rows.getObject("open_count"));
                }
            }
        }
        return found;
    }

    // ---------------------------------------------------------------------------------------------------------
    // quiescence
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Waits for the listeners to have applied every published event (their inbox rows). Each availability-on and
     * each return drains the organization's queues, which takes longer the longer the backlog: at full size the
     * listeners can lag the publishers by minutes on a busy machine.
     */
    private void awaitConsumed() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        try (Connection db = cluster.jdbc(); PreparedStatement query = db.prepareStatement(
                "select count(distinct event_id) from inbox where event_id = any(?)")) {
            query.setArray(1, db.createArrayOf("uuid", publishedIds.toArray()));
            while (true) {
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) >= publishedIds.size()) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("only " + rows.getLong(1) + " of the " + publishedIds.size() + " published events were consumed");
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    private void awaitOutboxSent() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        try (Connection db = cluster.jdbc(); PreparedStatement query = db.prepareStatement("select count(*) from outbox where sent_at is null")) {
            while (true) {
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(rows.getLong(1) + " outbox rows still unsent");
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // the event log
    // ---------------------------------------------------------------------------------------------------------

    /** What the event log says about one work item at the end. */
    record State(String status, UUID holder) {
    }

    private int eventsRead;

    private Map<UUID, State> replay(List<RoutingFixture.Org> orgs, Set<UUID> orgIds) {
        Map<UUID, Map<UUID, Map<String, Integer>>> capacity = new HashMap<>();
        orgs.forEach(org -> capacity.put(org.id(), org.capacities()));
        List<AssignmentLog.Entry> log = AssignmentLog.read(orgIds);
        eventsRead = log.size();
        Map<UUID, State> states = new HashMap<>();
        Map<String, Integer> held = new HashMap<>();
        for (AssignmentLog.Entry event : log) {
            UUID work = event.workId();
            UUID org = event.uuid("orgId");
            String channel = event.data().path("channel").asString();
            State before = states.getOrDefault(work, new State("NONE", null));
            switch (event.type()) {
                case "routing.conversation.queued" -> {
                    if (before.holder() != null || "CLOSED".equals(before.status())) {
                        violations.add("log: " + work + " queued while " + before);
                    }
                    states.put(work, new State("QUEUED", null));
                }
                case "routing.conversation.assigned" -> {
                    UUID assignee = event.uuid("assigneeId");
                    if ("CLOSED".equals(before.status())) {
                        violations.add("log: closed " + work + " assigned to " + assignee);
                    }
                    if (before.holder() != null && !before.holder().equals(event.uuid("previousAssigneeId"))) {
                        violations.add("log: " + work + " assigned to " + assignee + " while " + before.holder() + " holds it");
                    }
                    if (before.holder() != null) {
                        held.merge(org + "/" + before.holder() + "/" + channel, -1, Integer::sum);
                    }
                    int now = held.merge(org + "/" + assignee + "/" + channel, 1, Integer::sum);
                    int cap = capacity.get(org).getOrDefault(assignee, Map.of()).getOrDefault(channel, 0);
                    if (now > cap) {
                        violations.add("log: " + assignee + " holds " + now + " on " + channel + " (capacity " + cap + ") after " + work);
                    }
                    if (event.data().path("openOnChannel").asInt() != now) {
                        violations.add("log: assignment of " + work + " reports openOnChannel " + event.data().path("openOnChannel").asInt()
                                + " but the log has " + assignee + " holding " + now);
                    }
                    states.put(work, new State("ASSIGNED", assignee));
                }
                case "routing.conversation.unassigned", "routing.conversation.rerouted" -> {
                    UUID previous = event.uuid("previousAssigneeId");
                    if (before.holder() == null || !before.holder().equals(previous)) {
                        violations.add("log: " + event.type() + " of " + work + " names " + previous + " but the holder is " + before.holder());
                    }
                    if (before.holder() != null) {
                        held.merge(org + "/" + before.holder() + "/" + channel, -1, Integer::sum);
                    }
                    states.put(work, new State("QUEUED", null));
                }
                case "routing.conversation.closed" -> {
                    if (!Objects.equals(before.holder(), event.uuid("assigneeId"))) {
                        violations.add("log: close of " + work + " names " + event.uuid("assigneeId") + " but the holder is " + before.holder());
                    }
                    if ("CLOSED".equals(before.status())) {
                        violations.add("log: " + work + " closed twice");
                    }
                    if (before.holder() != null) {
                        held.merge(org + "/" + before.holder() + "/" + channel, -1, Integer::sum);
                    }
                    states.put(work, new State("CLOSED", null));
                }
                default -> {
                    // customer-replied and the like change no assignment
                }
            }
        }
        return states;
    }

    // ---------------------------------------------------------------------------------------------------------
    // the end state
    // ---------------------------------------------------------------------------------------------------------

    private void finalChecks(Connection db, Set<UUID> orgIds, int opened, Map<UUID, State> replayed, Map<String, Integer> finalStatus)
            throws SQLException {
        Array orgs = db.createArrayOf("uuid", orgIds.toArray());
        int rows = 0;
        try (PreparedStatement query = db.prepareStatement("select id, status, assignee_id from work_items where org_id = any(?)")) {
            query.setArray(1, orgs);
            try (ResultSet items = query.executeQuery()) {
                while (items.next()) {
                    rows++;
                    UUID id = items.getObject("id", UUID.class);
                    String status = items.getString("status");
                    UUID assignee = items.getObject("assignee_id", UUID.class);
                    finalStatus.merge(status, 1, Integer::sum);
                    if (!Set.of("QUEUED", "ASSIGNED", "CLOSED").contains(status)) {
                        violations.add("end: " + id + " is " + status);
                    }
                    State logged = replayed.get(id);
                    if (logged == null) {
                        violations.add("end: " + id + " (" + status + ") has no event on routing.assignments.v1");
                    } else if (!logged.status().equals(status) || !Objects.equals(logged.holder(), "CLOSED".equals(status) ? null : assignee)) {
                        violations.add("end: " + id + " is " + status + "/" + assignee + " in the database but " + logged + " in the event log");
                    }
                }
            }
        }
        if (rows != opened) {
            violations.add("end: " + opened + " conversations opened but " + rows + " work items exist");
        }
        if (replayed.size() != rows) {
            violations.add("end: the event log names " + replayed.size() + " work items, the database has " + rows);
        }
        try (PreparedStatement query = db.prepareStatement("""
                select w.id, w.assignee_id from work_items w
                where w.org_id = any(?) and w.status = 'ASSIGNED'
                  and not exists (select 1 from org_members om where om.org_id = w.org_id and om.user_id = w.assignee_id and om.status = 'ACTIVE')""")) {
            query.setArray(1, orgs);
            try (ResultSet held = query.executeQuery()) {
                while (held.next()) {
                    violations.add("end: " + held.getString("id") + " is held by " + held.getString("assignee_id") + ", removed or deactivated");
                }
            }
        }
        // Eligibility written again here, apart from the claim: an active non-viewer member of the portal (and
        // team), available there, allowed the channel and the client on it, below capacity, not the one a manager
        // took it from.
        try (PreparedStatement query = db.prepareStatement("""
                select w.id, w.channel, (select min(ac.user_id::text) from agent_channels ac
                    join org_members om on om.org_id = ac.org_id and om.user_id = ac.user_id and om.status = 'ACTIVE' and om.role <> 'VIEWER'
                    join portal_members pm on pm.portal_id = w.portal_id and pm.user_id = ac.user_id
                    join availability av on av.portal_id = w.portal_id and av.user_id = ac.user_id and av.available
                    join profile_clients pc on pc.org_id = ac.org_id and pc.user_id = ac.user_id and pc.client_id = w.client_id and pc.channel = ac.channel
                    where ac.org_id = w.org_id and ac.channel = w.channel and ac.allowed and ac.open_count < ac.capacity
                      and ac.user_id is distinct from w.unassigned_from
                      and (w.team_id is null or exists (select 1 from team_members tm where tm.team_id = w.team_id and tm.user_id = ac.user_id))) as could_take
                from work_items w join portals p on p.id = w.portal_id left join teams t on t.id = w.team_id
                where w.org_id = any(?) and w.status = 'QUEUED' and coalesce(t.strategy, p.strategy) <> 'MANUAL'""")) {
            query.setArray(1, orgs);
            try (ResultSet queued = query.executeQuery()) {
                while (queued.next()) {
                    if (queued.getString("could_take") != null) {
                        violations.add("end: queued " + queued.getString("id") + " (" + queued.getString("channel") + ") could be taken by "
                                + queued.getString("could_take"));
                    }
                }
            }
        }
    }
}
