package io.switchboard.portal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;

/** portal-service's layering: SQL only in repositories, Kafka only in inbound listeners and config, no package cycles, a domain that does not know the web. */
@AnalyzeClasses(packages = "io.switchboard.portal", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule controllersAndServices_doNotTouchTheDatabase = noClasses()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Service.class)
            .should().dependOnClassesThat().areAssignableTo(DatabaseClient.class)
            .orShould().dependOnClassesThat().resideInAnyPackage("io.r2dbc..");

    /** The repositories (the dashboards' included), and the write path's lock. */
    @ArchTest
    static final ArchRule onlyRepositories_useDatabaseClient = noClasses()
            .that().haveNameNotMatching("io\\.switchboard\\.portal\\.[a-z]+\\.(Portals|PortalMembers|AvailabilityLog|OrgMembers|OrgWrites|WorkItems|OrgFacts|DashboardQueries|ProjectionState)")
            .should().dependOnClassesThat().areAssignableTo(DatabaseClient.class);

    @ArchTest
    static final ArchRule onlyInboundListeners_consumeKafka = noClasses()
            .that().resideOutsideOfPackages("io.switchboard.portal.inbound..", "io.switchboard.portal.config..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..");

    @ArchTest
    static final ArchRule packages_areFreeOfCycles = slices().matching("io.switchboard.portal.(*)..").should().beFreeOfCycles();

    /** The domain types (portals, portal members) and the change machinery do not know controllers or HTTP requests. */
    @ArchTest
    static final ArchRule domain_doesNotDependOnTheWebLayer = noClasses()
            .that().haveSimpleName("Portal").or().haveSimpleName("PortalMember").or().resideInAnyPackage("io.switchboard.portal.change..",
                    "io.switchboard.portal.orgmember..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.bind..", "org.springframework.web.server..");
}
