package io.switchboard.routing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;

/** routing-service's layering: SQL only in repositories (and the claim), Kafka only in inbound listeners and config, no package cycles. */
@AnalyzeClasses(packages = "io.switchboard.routing", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule controllersAndServices_doNotTouchTheDatabase = noClasses()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Service.class)
            .should().dependOnClassesThat().areAssignableTo(DatabaseClient.class)
            .orShould().dependOnClassesThat().resideInAnyPackage("io.r2dbc..");

    /** The repositories, the claim, the opening checks and the write path's lock. */
    @ArchTest
    static final ArchRule onlyRepositories_useDatabaseClient = noClasses()
            .that().haveNameNotMatching("io\\.switchboard\\.routing\\.[a-z]+\\.(Teams|Profiles|Clients|Onboardings|Notes|Openings|WorkItems|Claims|OrgMembers|Portals|OrgWrites|LeadContacts|LeadStatusStore)")
            .should().dependOnClassesThat().areAssignableTo(DatabaseClient.class);

    @ArchTest
    static final ArchRule onlyInboundListeners_consumeKafka = noClasses()
            .that().resideOutsideOfPackages("io.switchboard.routing.inbound..", "io.switchboard.routing.config..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..");

    @ArchTest
    static final ArchRule packages_areFreeOfCycles = slices().matching("io.switchboard.routing.(*)..").should().beFreeOfCycles();

    /** Where work goes does not depend on HTTP: the claim, the queues and the write path are the same for the API and the listeners. */
    @ArchTest
    static final ArchRule routing_doesNotDependOnTheWebLayer = noClasses()
            .that().haveSimpleName("Dispatcher").or().haveSimpleName("QueueDrain").or().haveSimpleName("Claims").or().haveSimpleName("WorkItem")
            .or().resideInAnyPackage("io.switchboard.routing.change..", "io.switchboard.routing.orgmember..", "io.switchboard.routing.portals..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.bind..", "org.springframework.web.server..");
}
