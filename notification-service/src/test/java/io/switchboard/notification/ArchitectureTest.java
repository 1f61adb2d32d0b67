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
}
