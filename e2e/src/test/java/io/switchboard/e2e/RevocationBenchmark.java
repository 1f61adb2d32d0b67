package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.e2e.Stack.Person;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * From the DELETE of a membership returning to the first refusal of the removed member's unexpired token at
 * the gateway, over 100 removals. Prints figures; not part of the default run:
 * {@code ./switchboard test -pl e2e -Dtest=RevocationBenchmark}.
 */
class RevocationBenchmark {

    private static final int REMOVALS = 100;

    @Test
    void removalToRefusal() {
        try (Stack stack = new Stack(true)) {
            Person alice = Stack.signIn("alice@acme.test", "alice-demo-pass");
            Person bob = Stack.signIn("bob@acme.test", "bob-demo-pass");
            UUID org = stack.createOrg(alice);
            String path = "/api/orgs/" + org + "/members";
            long[] micros = new long[REMOVALS];
            for (int i = 0; i < REMOVALS; i++) {
                stack.invitationAccepted(org, bob, "AGENT"); // invited, mailed, accepted; returns once the gateway lets bob in
                assertThat(stack.call("DELETE", path + "/" + bob.id(), alice, null).statusCode()).isEqualTo(204);
                long removed = System.nanoTime();
                while (stack.call("GET", path, bob, null).statusCode() != 404) {
                    assertThat(System.nanoTime() - removed).as("refused within 10 s").isLessThan(Duration.ofSeconds(10).toNanos());
                }
                micros[i] = (System.nanoTime() - removed) / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("revocation over %d removals, DELETE returned -> first 404 for the removed member's token: "
                            + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", REMOVALS,
                    micros[REMOVALS / 2 - 1] / 1000.0, micros[REMOVALS * 9 / 10 - 1] / 1000.0, micros[REMOVALS * 99 / 100 - 1] / 1000.0,
                    micros[REMOVALS - 1] / 1000.0);
        }
    }
}
