package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.Topics;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** deploy/kafka's tables agree with each other and with the topics of platform/events (no broker needed). */
class KafkaAclFilesTest {

    private static final Set<String> TOPICS =
            KafkaAccessControl.topics().stream().map(KafkaAccessControl.TopicSpec::name).collect(Collectors.toSet());

    @Test
    void everyTopicOfTheEventsCatalog_isCreatedByTheDeployment() {
        assertThat(TOPICS).containsAll(Topics.all());
    }

    @Test
    void everyConsumerInAGroup_mayParkWhatItReadsOnThatTopicsDeadLetterTopic_whichExists() {
        Set<String> withGroup = KafkaAccessControl.acls().stream()
                .filter(acl -> acl.resource() == ResourceType.GROUP)
                .map(KafkaAccessControl.Acl::principal)
                .collect(Collectors.toSet());
        KafkaAccessControl.acls().stream()
                .filter(acl -> acl.resource() == ResourceType.TOPIC && acl.operation() == AclOperation.READ)
                .filter(acl -> withGroup.contains(acl.principal()))
                .filter(acl -> !Topics.isState(acl.name())) // read by assignment, never through a group's inbox
                .forEach(read -> {
                    String dlt = Topics.deadLetter(read.name());
                    assertThat(TOPICS).as("topics.txt has " + dlt).contains(dlt);
                    assertThat(KafkaAccessControl.acls()).as(read.principal() + " may write " + dlt)
                            .anySatisfy(acl -> {
                                assertThat(acl.principal()).isEqualTo(read.principal());
                                assertThat(acl.operation()).isEqualTo(AclOperation.WRITE);
                                assertThat(acl.pattern()).isEqualTo(PatternType.LITERAL);
                                assertThat(acl.name()).isEqualTo(dlt);
                            });
                });
    }

    @Test
    void stateTopics_areCompacted() {
        KafkaAccessControl.topics().stream().filter(topic -> Topics.isState(topic.name())).forEach(topic ->
                assertThat(topic.configs()).as(topic.name()).containsEntry("cleanup.policy", "compact"));
        assertThat(KafkaAccessControl.topics()).anySatisfy(topic -> assertThat(topic.name()).isEqualTo(Topics.ORG_MEMBERSHIP_STATE));
    }

    @Test
    void everyServiceWithAMembershipProjection_mayReadTheStateTopic() {
        for (String reader : Set.of("gateway", "identity-service", "notification-service", "portal-service", "routing-service")) {
            assertThat(KafkaAccessControl.acls()).as(reader).anySatisfy(acl -> {
                assertThat(acl.principal()).isEqualTo(reader);
                assertThat(acl.operation()).isEqualTo(AclOperation.READ);
                assertThat(acl.name()).isEqualTo(Topics.ORG_MEMBERSHIP_STATE);
            });
        }
    }

    @Test
    void onlyATopicsOwners_mayWriteIt() {
        KafkaAccessControl.acls().stream()
                .filter(acl -> acl.resource() == ResourceType.TOPIC && acl.operation() == AclOperation.WRITE)
                .filter(acl -> acl.pattern() == PatternType.LITERAL && !acl.name().endsWith(".DLT"))
                .forEach(write -> assertThat(Topics.isOwner(write.principal(), write.name()))
                        .as(write.principal() + " writes " + write.name()).isTrue());
    }
}
