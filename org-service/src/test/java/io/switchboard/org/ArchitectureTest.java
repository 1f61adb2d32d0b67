package io.switchboard.org;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.RestController;

/** org-service's layering: controllers and services hold no SQL, feature packages don't form cycles, the domain doesn't know the web. */
@AnalyzeClasses(packages = "io.switchboard.org", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** SQL belongs to the repository of its aggregate. */
    @ArchTest
    static final ArchRule controllersAndServices_doNotTouchTheDatabase = noClasses()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Service.class)
            .should().dependOnClassesThat().areAssignableTo(DatabaseClient.class)
            .orShould().dependOnClassesThat().resideInAnyPackage("io.r2dbc..");

    /** Only the repositories (and the audit log writer, itself a repository) speak to the database. */
    @ArchTest
    static final ArchRule onlyRepositories_useDatabaseClient = noClasses()
            .that().haveNameNotMatching("io\\.switchboard\\.org\\.[a-z]+\\.(Members|Roles|AuditLog|Organizations|SeatReservations|Transfers|CustomRoles|PortalMemberships)")
            .should().dependOnClassesThat().areAssignableTo(DatabaseClient.class);

    /** Only the inbound listeners read Kafka. */
    @ArchTest
    static final ArchRule onlyInboundListeners_consumeKafka = noClasses()
            .that().resideOutsideOfPackages("io.switchboard.org.inbound..", "io.switchboard.org.config..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..");

    /** Feature packages depend on each other in one direction only. */
    @ArchTest
    static final ArchRule featurePackages_areFreeOfCycles = slices().matching("io.switchboard.org.(*)..").should().beFreeOfCycles();

    /** The access rules and members do not know controllers or HTTP requests. */
    @ArchTest
    static final ArchRule access_doesNotDependOnControllers = noClasses()
            .that().resideInAnyPackage("io.switchboard.org.access..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.bind..", "org.springframework.web.server..");
}
