package io.switchboard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * deploy/kafka's users, topics and ACLs (acls.txt, topics.txt; on the classpath under kafka/), read the way
 * deploy/kafka/create-users-topics-acls.sh reads them and applied through the Admin API, so that tests run
 * the deployable access rules on {@link KafkaBrokerProcess#startAuthenticated}.
 */
public final class KafkaAccessControl {

    /** One line of acls.txt. */
    public record Acl(String principal, AclOperation operation, ResourceType resource, PatternType pattern, String name) {
        AclBinding binding() {
            return new AclBinding(new ResourcePattern(resource, name, pattern),
                    new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
        }
    }

    /** One line of topics.txt; {@code retentionMs} null for the broker's default; {@code configs} the further topic configs. */
    public record TopicSpec(String name, int partitions, String retentionMs, Map<String, String> configs) {
        NewTopic newTopic() {
            Map<String, String> all = new HashMap<>(configs);
            if (retentionMs != null) {
                all.put("retention.ms", retentionMs);
            }
            return new NewTopic(name, partitions, (short) 1).configs(all);
        }
    }

    private KafkaAccessControl() {
    }

    public static List<Acl> acls() {
        return rows("kafka/acls.txt").stream().map(cells -> {
            if (cells.length != 5) {
                throw new IllegalStateException("acls.txt: 5 columns expected: " + String.join(" ", cells));
            }
            Acl acl = new Acl(cells[0], SecurityUtils.operation(cells[1]), SecurityUtils.resourceType(cells[2]),
                    PatternType.fromString(cells[3].toUpperCase(Locale.ROOT)), cells[4]);
            if (acl.operation() == AclOperation.UNKNOWN || acl.resource() == ResourceType.UNKNOWN || acl.pattern() == PatternType.UNKNOWN) {
                throw new IllegalStateException("acls.txt: unknown operation, resource or pattern in: " + String.join(" ", cells));
            }
            return acl;
        }).toList();
    }

    public static List<TopicSpec> topics() {
        return rows("kafka/topics.txt").stream()
                .map(cells -> new TopicSpec(cells[0], Integer.parseInt(cells[1]), "default".equals(cells[2]) ? null : cells[2],
                        cells.length > 3 ? configs(cells[3]) : Map.of()))
                .toList();
    }

    /** {@code a=1,b=2} as a map. */
    private static Map<String, String> configs(String cell) {
        Map<String, String> configs = new HashMap<>();
        for (String setting : cell.split(",")) {
            String[] pair = setting.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalStateException("topics.txt: config name=value expected: " + setting);
            }
            configs.put(pair[0], pair[1]);
        }
        return Map.copyOf(configs);
    }

    /** The SCRAM users the deployment creates: every principal of acls.txt. */
    public static Set<String> users() {
        Set<String> users = new TreeSet<>();
        acls().forEach(acl -> users.add(acl.principal()));
        return users;
    }

    /** Creates the users (with these passwords), the topics and the ACLs on the broker, as its super user. */
    public static void apply(KafkaBrokerProcess broker, Map<String, String> passwords) {
        Map<String, Object> config = new HashMap<>(broker.adminClientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.alterUserScramCredentials(users().stream()
                    .map(user -> (UserScramCredentialAlteration) new UserScramCredentialUpsertion(user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password(passwords, user)))
                    .toList()).all().get(30, TimeUnit.SECONDS);
            for (TopicSpec topic : topics()) {
                try {
                    admin.createTopics(List.of(topic.newTopic())).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            List<AclBinding> bindings = acls().stream().map(Acl::binding).toList();
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
            awaitAuthorizerHas(admin, bindings);
        } catch (Exception e) {
            throw new IllegalStateException("could not apply deploy/kafka's users, topics and ACLs: " + e.getMessage(), e);
        }
    }

    /** Adds ACLs beyond acls.txt (a test app that plays a service but consumes more than it does). */
    public static void allow(KafkaBrokerProcess broker, List<Acl> extra) {
        Map<String, Object> config = new HashMap<>(broker.adminClientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            List<AclBinding> bindings = extra.stream().map(Acl::binding).toList();
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
            awaitAuthorizerHas(admin, bindings);
        } catch (Exception e) {
            throw new IllegalStateException("could not add ACLs: " + e.getMessage(), e);
        }
    }

    /** The controller commits ACLs before the broker's authorizer applies them: wait until the broker answers with all. */
    private static void awaitAuthorizerHas(Admin admin, List<AclBinding> bindings) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!admin.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS).containsAll(bindings)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker's authorizer did not get the ACLs within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private static String password(Map<String, String> passwords, String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no password for Kafka user " + user);
        }
        return password;
    }

    /** Non-blank, non-comment lines of a table, split on whitespace. */
    private static List<String[]> rows(String resource) {
        try (InputStream in = KafkaAccessControl.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " (from deploy/kafka) is not on the classpath");
            }
            List<String[]> rows = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    String content = line.replaceFirst("#.*", "").trim();
                    if (!content.isEmpty()) {
                        rows.add(content.split("\\s+"));
                    }
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
