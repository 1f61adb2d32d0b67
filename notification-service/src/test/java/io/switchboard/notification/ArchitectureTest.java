package io.switchboard.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.switchboard.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** JavaMail blocks: it stays in the one adapter that runs it on boundedElastic. */
    @ArchTest
    static final ArchRule onlyTheSmtpAdapter_touchesJavaMail = noClasses()
            .that().doNotHaveFullyQualifiedName("io.switchboard.notification.email.SmtpMailer")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.springframework.mail..", "org.eclipse.angus..");

    /** Feature packages do not know the web. */
    @ArchTest
    static final ArchRule emailPipeline_doesNotDependOnTheWeb = noClasses()
            .that().resideInAPackage("io.switchboard.notification.email..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..");

    /** In-app: turning events into notifications knows no web; only the controller and the service behind it do. */
    @ArchTest
    static final ArchRule inAppEventHandling_doesNotDependOnTheWeb = noClasses()
            .that().resideInAPackage("io.switchboard.notification.inapp..")
            .and().doNotHaveFullyQualifiedName("io.switchboard.notification.inapp.NotificationController")
            .and().doNotHaveFullyQualifiedName("io.switchboard.notification.inapp.NotificationService")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..");

    /** The rules of texts, preferences and the replay/live merge are pure: no database, no Kafka. */
    @ArchTest
    static final ArchRule inAppRules_arePure = noClasses()
            .that().haveFullyQualifiedName("io.switchboard.notification.inapp.Texts")
            .or().haveFullyQualifiedName("io.switchboard.notification.inapp.Preference")
            .or().haveFullyQualifiedName("io.switchboard.notification.inapp.LiveFeed")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.r2dbc..", "io.r2dbc..", "org.apache.kafka..", "org.springframework.kafka..");

    /** In-app reaches push only through the one agreed call (PushSubscriptions#deleteForMember). */
    @ArchTest
    static final ArchRule inApp_reachesPushOnlyThroughPushSubscriptions = noClasses()
            .that().resideInAPackage("io.switchboard.notification.inapp..")
            .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe("push classes other than PushSubscriptions",
                    (com.tngtech.archunit.core.domain.JavaClass target) -> target.getPackageName().startsWith("io.switchboard.notification.push")
                            && !target.getName().equals("io.switchboard.notification.push.PushSubscriptions")));
}
