package io.switchboard.devstack;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/** The table printed once the stack is up (also kept in .devstack/last-start.txt), and how to use the stack. */
final class Summary {

    private Summary() {
    }

    static void print(Console console, ComponentTable table, Topology topology, Options options, DevSecrets secrets, Path home) {
        double coldStart = console.elapsed();
        System.out.println();
        String format = "%-22s %-48s %-7s %8s %8s  %s";
        StringBuilder rows = new StringBuilder(String.format(format, "component", "URL", "state", "seconds", "RSS MB", "").stripTrailing()).append('\n');
        for (Component c : table.all()) {
            Set<ProcessHandle> live = c.liveTree();
            rows.append(String.format(format, c.name, c.url, c.state, Console.oneDecimal(c.seconds),
                    live.isEmpty() ? "-" : Long.toString(Processes.rssKb(live) / 1024),
                    c.isReady() ? "" : c.detail + "; log: " + console.rel(c.log)).stripTrailing()).append('\n');
        }
        rows.append(String.format(format, "mail web view", "http://127.0.0.1:" + topology.mailWebPort(), "ready", "-", "-",
                "in-memory: mail is not kept across restarts")).append('\n');
        Set<ProcessHandle> stack = table.stackProcesses();
        long totalKb = Processes.rssKb(stack);
        rows.append(String.format(format, "launcher (+ SMTP)", "pid " + ProcessHandle.current().pid(), "ready", "-",
                Long.toString(Processes.rssKb(ProcessHandle.current()) / 1024), "").stripTrailing()).append('\n');
        System.out.print(rows);

        long failed = table.all().stream().filter(c -> !c.isReady()).count();
        System.out.println();
        if (failed > 0) {
            System.out.println(failed + " component(s) FAILED: the log paths above say why; the rest keeps running.");
        }
        System.out.printf(Locale.ROOT, "Total RSS of the stack: %d MB over %d processes (launcher, its children and theirs, PostgreSQL); cold start %.1f s.%n",
                totalKb / 1024, stack.size(), coldStart);
        System.out.println(howTo(topology, options, secrets, console) + "\nData in " + console.rel(home) + " (--wipe starts afresh). Press Ctrl-C to stop everything.");

        DevFiles.write(home.resolve("last-start.txt"), "# written by the devstack launcher (pid " + ProcessHandle.current().pid() + ")\n"
                + "started_at=" + Instant.now() + '\n'
                + "cold_start_seconds=" + Console.oneDecimal(coldStart) + '\n'
                + "total_rss_mb=" + totalKb / 1024 + '\n'
                + "processes=" + stack.size() + '\n'
                + "services=" + (options.withServices() ? "yes" : "no (--no-services)") + '\n'
                + "gateway_address=" + options.gatewayAddress() + '\n'
                + "instances=" + options.instances() + '\n'
                + '\n' + rows);
    }

    private static String howTo(Topology topology, Options options, DevSecrets secrets, Console console) {
        int kc = topology.keycloakPort();
        int gw = topology.service("gateway").port();
        String listening = options.gatewayOpened()
                ? "The gateway listens on " + options.gatewayAddress() + ":" + gw + " (opened by --public / SWITCHBOARD_GATEWAY_ADDRESS);"
                        + " everything else on 127.0.0.1 only."
                : "Everything listens on 127.0.0.1 only; ./switchboard start --public opens the gateway (alone) to the network.";
        if (options.instances() > 1) {
            listening += "\n" + options.instances() + " instances of every service; the gateways (each balancing between all instances of each service): "
                    + String.join(", ", java.util.stream.IntStream.range(0, options.instances())
                            .mapToObj(k -> "http://localhost:" + Topology.port(topology.service("gateway"), k) + "/").toList());
        }
        return """

                %s

                The web app: http://localhost:%d/  (sign in as a demo user; invitation mails link to it)

                Demo users (realm switchboard; sign in from the shell with the local-only client switchboard-cli):
                  alice@acme.test       alice-demo-pass   owner of "Acme"   (%s)
                  carol@globex.test     carol-demo-pass   owner of "Globex" (%s)
                  bob@acme.test         bob-demo-pass     (invite him to Acme)
                  ops@switchboard.test  ops-demo-pass     operator: changes plans and seats
                Keycloak admin console: http://localhost:%d/admin  user admin, password %s
                  (generated for this data folder and kept in %s; set %s to choose one)

                Try it:
                  TOKEN=$(curl -s -d grant_type=password -d client_id=switchboard-cli -d username=alice@acme.test -d password=alice-demo-pass \\
                      http://localhost:%d/realms/switchboard/protocol/openid-connect/token | jq -r .access_token)
                  curl -H "Authorization: Bearer $TOKEN" http://localhost:%d/api/me/orgs

                Upgrade an org (new orgs start on FREE_TRIAL, 1 agent seat):
                  OPS=$(curl -s -d grant_type=password -d client_id=switchboard-cli -d username=ops@switchboard.test -d password=ops-demo-pass \\
                      http://localhost:%d/realms/switchboard/protocol/openid-connect/token | jq -r .access_token)
                  curl -X PUT -H "Authorization: Bearer $OPS" -H 'Content-Type: application/json' \\
                      -d '{"plan":"SCALE"}' http://localhost:%d/api/operator/orgs/<orgId>/plan
                """.formatted(listening, gw, DemoSeed.DEMO_PLAN, DemoSeed.DEMO_PLAN, kc, secrets.keycloakAdminPassword(), console.rel(secrets.file()),
                DevSecrets.ADMIN_PASSWORD_ENV, kc, gw, kc, gw)
                + (options.withServices() ? "" : "  (started with --no-services: nothing listens on " + gw + ")\n");
    }
}
