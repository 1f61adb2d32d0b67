package io.switchboard.e2e;

import static org.awaitility.Awaitility.await;

import io.switchboard.devstack.Topology;
import io.switchboard.testing.KeycloakServer;
import io.switchboard.testing.RealServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * org-service and the gateway (plus identity-service and notification-service when invitations are needed,
 * portal-service and routing-service when asked for) on the shared real servers, started from the devstack's
 * topology (deploy/devstack topology.properties) with the same environment the devstack gives them; random
 * ports, databases suffixed _e2e; plain HTTP through the gateway.
 *
 * <p>Starting a stack takes a minute, so the classes marked {@link UsesSharedStack} share one with everything
 * ({@link #shared()}), started on first use. Two stacks never run at once (they would share databases and
 * Kafka consumer groups): a class that starts a stack of its own stops the shared one first, and the JVM's end
 * stops it. {@link SharedStackFirst} runs the sharing classes one after another, so it starts once.
 */
final class Stack implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** identity-service's client secret in the realm file the test Keycloak imports (the devstack generates its own). */
    static final String IDENTITY_CLIENT_SECRET = "identity-service-dev-secret";
    static final String OPERATOR = "ops@switchboard.test";
    static final String OPERATOR_PASSWORD = "ops-demo-pass";
    private static final Pattern INVITE_LINK = Pattern.compile("/invite/([A-Za-z0-9_-]{43})");
    private static final String NOT_STARTED = "http://127.0.0.1:9"; // services these tests do not run
    /**
     * notification-service's push key-encryption key: one per JVM, not per Stack, since the _e2e databases outlive a
     * stack and a VAPID key sealed with another key would turn push off in the next one.
     */
    private static final String PUSH_KEY_ENCRYPTION_KEY = randomKey();
    /** The test push service (platform/testing TestPushService) listens on plain http at this address. */
    static final String PUSH_INSECURE_ENDPOINT_HOSTS = "127.0.0.1";

    record Person(String email, String token, UUID id) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final Topology topology = Topology.load();
    private final Topology.Servers servers;
    private final Map<String, ServiceProcess> running = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<UUID, Person> owners = new ConcurrentHashMap<>();
    private final int gatewayPort = ServiceProcess.freePort();
    private final boolean isShared;
    /** How many instances of each service run (the gateway included); see {@link #twoInstances()}. */
    private final int instances;
    /** Where each instance listens, by module, when {@link #instances} is more than one (instance 0 on {@link #gatewayPort} for the gateway). */
    private final Map<String, List<Integer>> instancePorts = new ConcurrentHashMap<>();

    /** Every test call comes from one address and one inviter: the invitation limits themselves are tested in identity-service. */
    private static final Map<String, String> IDENTITY_LIMITS = Map.of("SPRING_APPLICATION_JSON",
            "{\"switchboard\":{\"limits\":{\"per-org-per-day\":100000,\"per-inviter-per-day\":100000,\"per-recipient-per-day\":100000,"
                    + "\"resend-interval\":\"0s\"}}}");
    /**
     * One client address for every test: per-address and per-caller limits are tested in the gateway module (the avatar
     * upload limit is left as configured: TwoInstancesE2ETest shows it is counted per gateway instance).
     */
    private static final Map<String, String> GATEWAY_LIMITS = Map.of("SPRING_APPLICATION_JSON", "{\"switchboard\":{\"gateway\":{\"rate-limit\":{\"rules\":{"
            + "\"public-token\":{\"limit\":1000000},\"user-creation\":{\"limit\":1000000},\"batch-invitations\":{\"limit\":1000000}}}}}}");

    private static Stack shared;
    private static boolean stopSharedAtExit;

    Stack() {
        this(false);
    }

    /** @param withInvitations also identity-service and notification-service (mail to the shared SMTP server) */
    Stack(boolean withInvitations) {
        this(withInvitations, false);
    }

    /**
     * @param withInvitations also identity-service and notification-service (mail to the shared SMTP server)
     * @param withPortals     also portal-service (portals, portal memberships, availability; org-service learns who
     *                        manages whom from it)
     */
    Stack(boolean withInvitations, boolean withPortals) {
        this(withInvitations, withPortals, false, false);
    }

    /**
     * A stack of its own with everything the shared one has (invitations, portals, routing), for a class that restarts
     * services or reads their databases ({@link #restart}, {@link #database}); it stops the shared one first.
     */
    static Stack ownWithPortalsAndRouting() {
        return new Stack(true, true, true, false);
    }

    /**
     * Two instances of every service and two gateways, each gateway balancing between both instances of each service
     * (as {@code ./switchboard start --instances 2} runs them): a stack of its own, which stops the shared one first.
     * Instance {@code k} of identity-service calls instance {@code k} of org-service. {@link #call} goes through the
     * first gateway, {@link #call(int, String, String, Person, Object)} through either; {@link #url(String, int)} is one
     * instance's own address.
     */
    static Stack twoInstances() {
        return new Stack(true, true, true, false, 2);
    }

    private Stack(boolean withInvitations, boolean withPortals, boolean withRouting, boolean isShared) {
        this(withInvitations, withPortals, withRouting, isShared, 1);
    }

    private Stack(boolean withInvitations, boolean withPortals, boolean withRouting, boolean isShared, int instances) {
        this.isShared = isShared;
        this.instances = instances;
        if (!isShared) {
            stopShared(); // never two stacks at once
        }
        KeycloakServer keycloak = RealServers.keycloak();
        servers = new Topology.Servers(RealServers.postgres(), RealServers.kafka().bootstrapServers(), keycloak.baseUrl(), keycloak.issuer(),
                keycloak.jwkSetUri(), RealServers.smtp().host(), RealServers.smtp().smtpPort(), IDENTITY_CLIENT_SECRET,
                "http://localhost:" + gatewayPort, PUSH_KEY_ENCRYPTION_KEY);
        if (instances > 1) {
            startInstances(List.of("org-service", "identity-service", "notification-service", "portal-service", "routing-service"));
            return;
        }
        start("org-service", Map.of());
        if (withInvitations) {
            // every test call comes from one address and one inviter: the limits themselves are tested in their modules
            start("identity-service", IDENTITY_LIMITS);
            start("notification-service", Map.of());
        }
        if (withPortals) {
            start("portal-service", Map.of());
        }
        if (withRouting) {
            start("routing-service", Map.of());
        }
        startGateway();
    }

    /**
     * The stack with everything (invitations, portals, routing) shared by the classes marked {@link UsesSharedStack}:
     * started on first use, kept for the next such class ({@link #close()} leaves it running), stopped when a class
     * starts a stack of its own or the JVM ends. Each class makes its own organizations and people in it.
     */
    static synchronized Stack shared() {
        if (shared == null) {
            shared = new Stack(true, true, true, true);
            if (!stopSharedAtExit) {
                Runtime.getRuntime().addShutdownHook(new Thread(Stack::stopShared, "e2e-shared-stack-stop"));
                stopSharedAtExit = true;
            }
        }
        return shared;
    }

    private static synchronized void stopShared() {
        if (shared != null) {
            Stack stopping = shared;
            shared = null;
            stopping.stop();
        }
    }


    /**
     * The instances of {@code modules} two at a time (each waits for its own readiness), then the gateways. Every port is chosen first, so each knows the others' addresses.
     */
    private void startInstances(List<String> modules) {
        for (String module : modules) {
            instancePorts.put(module, java.util.stream.IntStream.range(0, instances).mapToObj(k -> ServiceProcess.freePort()).toList());
        }
        List<Integer> gateways = new java.util.ArrayList<>(List.of(gatewayPort));
        while (gateways.size() < instances) {
            gateways.add(ServiceProcess.freePort());
        }
        instancePorts.put("gateway", List.copyOf(gateways));
        for (String module : modules) {
            Topology.Service service = topology.service(module);
            if (service.hasDatabase()) {
                servers.postgres().createDatabase(service.database() + "_e2e");
            }
        }
        startInParallel(modules);
        startInParallel(List.of("gateway"));
    }

    private void startInParallel(List<String> modules) {
        List<java.util.concurrent.CompletableFuture<Void>> starting = new java.util.ArrayList<>();
        // two at a time: more JVMs starting at once on a 2-core machine only slow each other down past their deadline
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (String module : modules) {
                for (int k = 0; k < instances; k++) {
                    int instance = k;
                    starting.add(java.util.concurrent.CompletableFuture.runAsync(() -> startInstance(module, instance), pool));
                }
            }
            java.util.concurrent.CompletableFuture.allOf(starting.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException failed) {
            stop();
            throw failed.getCause() instanceof RuntimeException e ? e : failed;
        } finally {
            pool.shutdown();
        }
    }

    private void startInstance(String module, int k) {
        Topology.Service service = topology.service(module);
        int port = instancePorts.get(module).get(k);
        String database = service.hasDatabase() ? service.database() + "_e2e" : null;
        Map<String, String> env = new HashMap<>(topology.environment(service, "127.0.0.1", port, database, servers, target -> module.equals("gateway")
                ? String.join(",", java.util.stream.IntStream.range(0, instances).mapToObj(i -> url(target, i)).toList())
                : url(target, k)));
        env.putAll(testOnly(module));
        env.putAll(module.equals("gateway") ? GATEWAY_LIMITS : module.equals("identity-service") ? IDENTITY_LIMITS : Map.of());
        running.put(k == 0 ? module : module + "#" + (k + 1), ServiceProcess.start(module, port, env, Duration.ofSeconds(240)));
    }

    /** Instance {@code k} (from 0) of {@code module}, where it listens itself (not through a gateway). */
    String url(String module, int k) {
        List<Integer> ports = instancePorts.get(module);
        if (ports != null) {
            return "http://127.0.0.1:" + ports.get(k);
        }
        if (k != 0 || !running.containsKey(module)) {
            throw new IllegalStateException("no instance " + k + " of " + module + " in this stack");
        }
        return running.get(module).url();
    }

    /** How many instances of each service this stack runs. */
    int instances() {
        return instances;
    }

    private void start(String module, Map<String, String> extra) {
        Topology.Service service = topology.service(module);
        int port = module.equals("gateway") ? gatewayPort : ServiceProcess.freePort();
        String database = service.hasDatabase() ? service.database() + "_e2e" : null;
        if (database != null) {
            servers.postgres().createDatabase(database);
        }
        Map<String, String> env = new HashMap<>(topology.environment(service, "127.0.0.1", port, database, servers,
                target -> running.containsKey(target) ? running.get(target).url() : NOT_STARTED));
        env.putAll(testOnly(module));
        env.putAll(extra);
        running.put(module, ServiceProcess.start(module, port, env));
    }

    /**
     * Stops {@code module} and starts it again on the same port (the gateway and the other services keep its address),
     * with the devstack's environment plus {@code extra}. Not for the gateway (see {@link #restartGateway()}).
     */
    void restart(String module, Map<String, String> extra) {
        ServiceProcess before = running.remove(module);
        if (before == null || module.equals("gateway")) {
            throw new IllegalStateException(module + " is not a running service of this stack");
        }
        int port = URI.create(before.url()).getPort();
        before.close();
        Topology.Service service = topology.service(module);
        String database = service.hasDatabase() ? service.database() + "_e2e" : null;
        Map<String, String> env = new HashMap<>(topology.environment(service, "127.0.0.1", port, database, servers,
                target -> running.containsKey(target) ? running.get(target).url() : NOT_STARTED));
        env.putAll(testOnly(module));
        env.putAll(extra);
        running.put(module, ServiceProcess.start(module, port, env));
    }

    /** What the tests add to the devstack's environment: notification-service may push to the test push service's http endpoints. */
    private static Map<String, String> testOnly(String module) {
        return module.equals("notification-service") ? Map.of("SWITCHBOARD_PUSH_INSECURE_ENDPOINT_HOSTS", PUSH_INSECURE_ENDPOINT_HOSTS) : Map.of();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** {@code module}'s own address (not through the gateway). */
    String url(String module) {
        return running.get(module).url();
    }

    /** Where {@code module}'s process writes its log (standard output and error). */
    java.nio.file.Path logFile(String module) {
        return running.get(module).logFile();
    }

    /** The database {@code module} uses in this stack, on {@link RealServers#postgres()}. */
    String database(String module) {
        return topology.service(module).database() + "_e2e";
    }

    void startGateway() {
        start("gateway", GATEWAY_LIMITS);
    }

    void restartGateway() {
        running.remove("gateway").close();
        startGateway();
    }

    static Person signIn(String email, String password) {
        String token = RealServers.keycloak().accessToken(email, password);
        UUID id = UUID.fromString(JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("sub").asString());
        return new Person(email, token, id);
    }

    HttpResponse<String> call(String method, String path, Person as, Object body) {
        return call(0, method, path, as, body);
    }

    /** As {@link #call(String, String, Person, Object)}, through gateway {@code gateway} (from 0) of a stack of several. */
    HttpResponse<String> call(int gateway, String method, String path, Person as, Object body) {
        return send(url("gateway", gateway) + path, method, as, body);
    }

    /** A call straight to instance {@code k} of {@code module}, past the gateways. */
    HttpResponse<String> callInstance(String module, int k, String method, String path, Person as, Object body) {
        return send(url(module, k) + path, method, as, body);
    }

    private HttpResponse<String> send(String url, String method, Person as, Object body) {
        String path = URI.create(url).getPath();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60)) // a hung service fails one test instead of stalling the fork
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (as != null && as.token() != null) {
            request.header("Authorization", "Bearer " + as.token());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    /** A new org owned by {@code owner}, upgraded by the operator to SCALE (new orgs start on FREE_TRIAL). */
    UUID createOrg(Person owner) {
        return createOrg(owner, Map.of("name", "E2E " + owner.email(), "plan", "SCALE"));
    }

    /**
     * Creates the org as {@code owner} would; a {@code plan} (and {@code seats}) in the request is applied afterwards by
     * the operator with {@code PUT /api/operator/orgs/{orgId}/plan}, since only an operator may choose a plan.
     */
    UUID createOrg(Person owner, Map<String, Object> request) {
        Map<String, Object> create = new HashMap<>(request);
        Object plan = create.remove("plan");
        Object seats = create.remove("seats");
        HttpResponse<String> created = call("POST", "/api/orgs", owner, create);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("create org answered " + created.statusCode() + ": " + created.body());
        }
        UUID org = UUID.fromString(JSON.readTree(created.body()).get("id").asString());
        owners.put(org, owner);
        if (plan != null) {
            Map<String, Object> change = new HashMap<>(Map.of("plan", plan));
            if (seats != null) {
                change.put("seats", seats);
            }
            HttpResponse<String> changed = call("PUT", "/api/operator/orgs/" + org + "/plan", signIn(OPERATOR, OPERATOR_PASSWORD), change);
            if (changed.statusCode() != 200) {
                throw new IllegalStateException("the operator's plan change answered " + changed.statusCode() + ": " + changed.body());
            }
        }
        return org;
    }

    /**
     * {@code person} joins {@code org} with {@code role} the only way there is: the org's owner invites them, and they
     * accept the mailed link while signed in. Needs the stack with invitations. Returns once the gateway lets them in.
     */
    void invitationAccepted(UUID org, Person person, String role) {
        invitationAccepted(org, person, role, List.of());
    }

    /** As {@link #invitationAccepted(UUID, Person, String)}, the invitation naming {@code portalIds}. */
    void invitationAccepted(UUID org, Person person, String role, List<UUID> portalIds) {
        Person owner = owners.get(org);
        if (owner == null || !running.containsKey("identity-service")) {
            throw new IllegalStateException("joining needs an org made by this Stack and the stack with invitations (new Stack(true))");
        }
        int mailsBefore = inviteLinks(person.email()).size();
        Map<String, Object> invitation = new HashMap<>(Map.of("email", person.email(), "role", role));
        if (!portalIds.isEmpty()) {
            invitation.put("portalIds", portalIds.stream().map(UUID::toString).toList());
        }
        HttpResponse<String> invited = call("POST", "/api/orgs/" + org + "/invitations", owner, invitation);
        if (invited.statusCode() != 201) {
            throw new IllegalStateException("inviting " + person.email() + " answered " + invited.statusCode() + ": " + invited.body());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> inviteLinks(person.email()).size() > mailsBefore);
        String token = inviteLinks(person.email()).getLast();
        HttpResponse<String> accepted = call("POST", "/api/invitations/" + token + "/accept", person, null);
        if (accepted.statusCode() != 200) {
            throw new IllegalStateException("accepting as " + person.email() + " answered " + accepted.statusCode() + ": " + accepted.body());
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> call("GET", "/api/orgs/" + org + "/members", person, null).statusCode() == 200);
    }

    /** The owner this Stack created {@code org} for. */
    Person ownerOf(UUID org) {
        return owners.get(org);
    }

    /** The owner, signed in afresh (tokens live 5 minutes; long tests outlive them). */
    void refreshOwner(UUID org, String password) {
        Person owner = owners.get(org);
        owners.put(org, signIn(owner.email(), password));
    }

    /** The invitation tokens mailed to {@code email}, oldest first. */
    static List<String> inviteLinks(String email) {
        return RealServers.smtp().messagesTo(email).stream() // in the order they arrived
                .map(mail -> INVITE_LINK.matcher(mail.body()))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .toList();
    }

    /** Stops this stack, unless it is the {@link #shared()} one, which later classes still use. */
    @Override
    public void close() {
        if (!isShared) {
            stop();
        }
    }

    private void stop() {
        List<String> modules = List.copyOf(running.keySet()).reversed(); // the gateway first, org-service last
        for (String module : modules) {
            ServiceProcess service = running.remove(module);
            if (service != null) {
                service.close();
            }
        }
    }
}
