package io.switchboard.gateway;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.switchboard.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** access (membership, email verification, /internal), ratelimit and me stay apart; they share only web. */
    @ArchTest
    static final ArchRule featurePackages_doNotDependOnEachOther = slices()
            .matching("io.switchboard.gateway.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(alwaysTrue(), resideInAPackage("io.switchboard.gateway.web"));

    /** The shared web helpers know no feature. */
    @ArchTest
    static final ArchRule web_knowsNoFeature = noClasses()
            .that().resideInAPackage("io.switchboard.gateway.web")
            .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.gateway.access..", "io.switchboard.gateway.ratelimit..",
                    "io.switchboard.gateway.me..");

    /** The gateway keeps nothing durable: no database access. */
    @ArchTest
    static final ArchRule noDatabase = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.r2dbc..", "io.r2dbc..", "java.sql..");

    /** Filters run on Netty threads: no blocking HTTP clients. */
    @ArchTest
    static final ArchRule noBlockingHttpClients = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "org.springframework.web.client..");
}
