package io.switchboard.identity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.RestController;

/** identity-service's layering: controllers → services → repositories and adapters; domain types know none of them. */
@AnalyzeClasses(packages = "io.switchboard.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** keycloak-admin-client blocks: it stays in the one adapter that runs it on boundedElastic. */
    @ArchTest
    static final ArchRule onlyKeycloakAccounts_touchesTheKeycloakAdminClient = noClasses()
            .that().doNotHaveFullyQualifiedName("io.switchboard.identity.keycloak.KeycloakAccounts")
            .should().dependOnClassesThat().resideInAnyPackage("org.keycloak..", "jakarta.ws.rs..");

    /** SQL lives in repositories (and the platform's outbox/inbox), never in controllers or services. */
    @ArchTest
    static final ArchRule onlyRepositories_useTheDatabaseClient = noClasses()
            .that().doNotHaveSimpleName("Invitations").and().doNotHaveSimpleName("EmailConfirmations")
            .and().doNotHaveSimpleName("Organizations").and().doNotHaveSimpleName("MailQuota")
            .and().doNotHaveSimpleName("Avatars")
            .should().dependOnClassesThat().areAssignableTo(DatabaseClient.class);

    /** Profile images: the image rules know no Spring; the controller reaches storage only through the service. */
    @ArchTest
    static final ArchRule avatarImageRules_knowNoSpring = noClasses()
            .that().haveFullyQualifiedName("io.switchboard.identity.avatar.AvatarImages")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.switchboard.web..", "reactor..");

    @ArchTest
    static final ArchRule avatarController_usesTheServiceOnly = noClasses()
            .that().haveFullyQualifiedName("io.switchboard.identity.avatar.AvatarController")
            .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                    com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                            com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName("Avatars"))));

    @ArchTest
    static final ArchRule controllers_doNotTouchTheDatabase = noClasses()
            .that().areAnnotatedWith(RestController.class)
            .should().dependOnClassesThat().areAssignableTo(DatabaseClient.class)
            .orShould().dependOnClassesThat().haveSimpleName("Invitations")
            .orShould().dependOnClassesThat().haveSimpleName("EmailConfirmations");

    /** The invitation's state machine decides without the web, the database or Keycloak. */
    @ArchTest
    static final ArchRule invitationDomain_knowsNoInfrastructure = noClasses()
            .that().haveFullyQualifiedName("io.switchboard.identity.invitation.Invitation")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.switchboard.web..", "io.r2dbc..", "org.keycloak..");

    /** Pure rules stay pure. */
    @ArchTest
    static final ArchRule pureRules_knowNoSpring = noClasses()
            .that().haveSimpleName("MailLimits").or().haveSimpleName("Framing").or().haveSimpleName("SecretTokens")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..");

    /** Consumers hand over to feature services; they do not reach into repositories or adapters. */
    @ArchTest
    static final ArchRule inboundListeners_useServicesOnly = noClasses()
            .that().resideInAPackage("io.switchboard.identity.inbound..")
            .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.identity.keycloak..", "io.switchboard.identity.seat..")
            .orShould().dependOnClassesThat().haveSimpleName("Invitations");

    /** Features do not reach into each other's internals: account uses the invitation feature only for inviter rights. */
    @ArchTest
    static final ArchRule accountFeature_usesOnlyInviterRightsOfInvitations = noClasses()
            .that().resideInAPackage("io.switchboard.identity.account..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.switchboard.identity.invitation..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.simpleNameStartingWith("Inviter"))));
}
