package io.switchboard.routing.invariant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Test setup only: an organization with portals, clients and agents written straight into routing-service's
 * projections and profile tables (org_members, portals, portal_members, availability, clients, agent_channels,
 * profile_clients), as the events and the profile API would have left them. Everything that happens after the
 * setup goes through the service.
 */
public final class RoutingFixture {

    public static final List<String> CHANNELS = List.of("SMS", "LIVE_CHAT", "FACEBOOK", "WHATSAPP", "EMAIL", "INSTAGRAM");

    /** An organization as set up: its portals (with their strategy), clients and agents with their capacity per channel. */
    public record Org(UUID id, List<UUID> portals, List<UUID> clients, List<UUID> agents, Map<UUID, Map<String, Integer>> capacities) {

        public UUID portal(Random random) {
            return portals.get(random.nextInt(portals.size()));
        }

        public UUID client(Random random) {
            return clients.get(random.nextInt(clients.size()));
        }

        public UUID agent(Random random) {
            return agents.get(random.nextInt(agents.size()));
        }
    }

    /** How an organization is made. */
    public record Shape(int portals, int clients, int agents, int maxCapacity, double channelAllowed, double clientGranted,
                        List<String> strategies, boolean allAvailable) {
    }

    private RoutingFixture() {
    }

    /**
     * Random agents: each channel allowed with probability {@code channelAllowed} and a capacity 0..maxCapacity,
     * each (client, allowed channel) granted with probability {@code clientGranted}; every agent is an ACTIVE
     * AGENT in every portal, available there (or, unless {@code allAvailable}, available with probability 0.8).
     */
    public static Org create(Connection db, Shape shape, Random random) throws SQLException {
        UUID orgId = UUID.randomUUID();
        List<UUID> portals = new ArrayList<>();
        List<UUID> clients = new ArrayList<>();
        List<UUID> agents = new ArrayList<>();
        Map<UUID, Map<String, Integer>> capacities = new HashMap<>();
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (PreparedStatement portal = db.prepareStatement("insert into portals (id, org_id, is_default, strategy) values (?, ?, ?, ?)");
             PreparedStatement client = db.prepareStatement("insert into clients (id, org_id, name, created_at) values (?, ?, ?, now())");
             PreparedStatement member = db.prepareStatement(
                     "insert into org_members (org_id, user_id, display_name, role, status) values (?, ?, ?, 'AGENT', 'ACTIVE')");
             PreparedStatement inPortal = db.prepareStatement(
                     "insert into portal_members (portal_id, org_id, user_id, portal_role) values (?, ?, ?, 'EMPLOYEE')");
             PreparedStatement available = db.prepareStatement(
                     "insert into availability (portal_id, org_id, user_id, available, away_since) values (?, ?, ?, ?, case when ? then null else now() end)");
             PreparedStatement channel = db.prepareStatement(
                     "insert into agent_channels (org_id, user_id, channel, allowed, capacity) values (?, ?, ?, ?, ?)");
             PreparedStatement grant = db.prepareStatement(
                     "insert into profile_clients (org_id, user_id, client_id, channel) values (?, ?, ?, ?)")) {
            for (int p = 0; p < shape.portals(); p++) {
                UUID id = UUID.randomUUID();
                portals.add(id);
                portal.setObject(1, id);
                portal.setObject(2, orgId);
                portal.setBoolean(3, p == 0);
                portal.setString(4, shape.strategies().get(p % shape.strategies().size()));
                portal.addBatch();
            }
            portal.executeBatch();
            for (int c = 0; c < shape.clients(); c++) {
                UUID id = UUID.randomUUID();
                clients.add(id);
                client.setObject(1, id);
                client.setObject(2, orgId);
                client.setString(3, "Client " + c);
                client.addBatch();
            }
            client.executeBatch();
            for (int a = 0; a < shape.agents(); a++) {
                UUID user = UUID.randomUUID();
                agents.add(user);
                member.setObject(1, orgId);
                member.setObject(2, user);
                member.setString(3, "Agent " + a);
                member.addBatch();
                for (UUID p : portals) {
                    inPortal.setObject(1, p);
                    inPortal.setObject(2, orgId);
                    inPortal.setObject(3, user);
                    inPortal.addBatch();
                    boolean on = shape.allAvailable() || random.nextDouble() < 0.8;
                    available.setObject(1, p);
                    available.setObject(2, orgId);
                    available.setObject(3, user);
                    available.setBoolean(4, on);
                    available.setBoolean(5, on);
                    available.addBatch();
                }
                Map<String, Integer> caps = new HashMap<>();
                for (String ch : CHANNELS) {
                    boolean allowed = random.nextDouble() < shape.channelAllowed();
                    int capacity = random.nextInt(shape.maxCapacity() + 1);
                    channel.setObject(1, orgId);
                    channel.setObject(2, user);
                    channel.setString(3, ch);
                    channel.setBoolean(4, allowed);
                    channel.setInt(5, capacity);
                    channel.addBatch();
                    caps.put(ch, capacity);
                    if (allowed) {
                        for (UUID c : clients) {
                            if (random.nextDouble() < shape.clientGranted()) {
                                grant.setObject(1, orgId);
                                grant.setObject(2, user);
                                grant.setObject(3, c);
                                grant.setString(4, ch);
                                grant.addBatch();
                            }
                        }
                    }
                }
                capacities.put(user, caps);
            }
            member.executeBatch();
            inPortal.executeBatch();
            available.executeBatch();
            channel.executeBatch();
            grant.executeBatch();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
        analyze(db);
        return new Org(orgId, List.copyOf(portals), List.copyOf(clients), List.copyOf(agents), capacities);
    }

    /**
     * Fresh statistics for the planner, as autovacuum would have them a minute later: planned on the statistics of
     * near-empty tables, the claim joins each candidate agent against every member of the organization (40 ms
     * for 200 agents instead of 4), which would measure the load order, not the claim.
     */
    static void analyze(Connection db) throws SQLException {
        try (var statement = db.createStatement()) {
            statement.execute("analyze org_members, portals, portal_members, availability, clients, agent_channels, profile_clients, "
                    + "teams, team_members, rotation, work_items");
        }
    }

    /**
     * An organization of one portal (by {@code strategy}) and one client, whose {@code agents} all handle that
     * client on {@code channel} only, each with {@code capacity} there, available or not.
     */
    public static Org uniform(Connection db, int agents, String channel, int capacity, boolean available, String strategy) throws SQLException {
        Org org = create(db, new Shape(1, 1, agents, 0, 0.0, 0.0, List.of(strategy), true), new Random(1));
        try (PreparedStatement channels = db.prepareStatement(
                "update agent_channels set allowed = (channel = ?), capacity = case when channel = ? then ? else 0 end where org_id = ?");
             PreparedStatement grant = db.prepareStatement(
                     "insert into profile_clients (org_id, user_id, client_id, channel) select org_id, user_id, ?, ? from org_members where org_id = ?");
             PreparedStatement away = db.prepareStatement("update availability set available = ?, away_since = case when ? then null else now() end "
                     + "where org_id = ?")) {
            channels.setString(1, channel);
            channels.setString(2, channel);
            channels.setInt(3, capacity);
            channels.setObject(4, org.id());
            channels.executeUpdate();
            grant.setObject(1, org.clients().get(0));
            grant.setString(2, channel);
            grant.setObject(3, org.id());
            grant.executeUpdate();
            away.setBoolean(1, available);
            away.setBoolean(2, available);
            away.setObject(3, org.id());
            away.executeUpdate();
        }
        analyze(db);
        Map<UUID, Map<String, Integer>> capacities = new HashMap<>();
        org.agents().forEach(agent -> capacities.put(agent, Map.of(channel, capacity)));
        return new Org(org.id(), org.portals(), org.clients(), org.agents(), capacities);
    }
}
