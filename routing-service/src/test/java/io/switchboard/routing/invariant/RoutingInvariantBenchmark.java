package io.switchboard.routing.invariant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, Done-when 1 at full size: two instances on one database, 16 concurrent openers, 20,000 conversations
 * over 200 agents (2 organizations of 100) with random capacities, random closes, availability flaps, removals
 * and deactivations. Not in the default run (surefire runs *Test classes):
 * {@code ./mvnw -B -o verify -pl routing-service -Dtest=RoutingInvariantBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Sizes can be changed with -Drouting.invariant.conversations / .agents (total) / .orgs / .flapsPerSecond (default 5).
 */
class RoutingInvariantBenchmark {

    private static RoutingCluster cluster;

    @BeforeAll
    static void start() {
        cluster = RoutingCluster.start("routing_invariant_full", 2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void fullSize() throws Exception {
        int conversations = Integer.getInteger("routing.invariant.conversations", 20_000);
        int orgs = Integer.getInteger("routing.invariant.orgs", 2);
        int agents = Integer.getInteger("routing.invariant.agents", 200);
        var outcome = new InvariantRun(cluster, new InvariantRun.Size(orgs, agents / orgs, conversations, 16, 0.5,
                Integer.getInteger("routing.invariant.flapsPerSecond", 5), 100, 5)).run();
        System.out.println("invariant run (full): " + outcome);
        assertThat(outcome.opened()).isEqualTo(conversations);
    }
}
