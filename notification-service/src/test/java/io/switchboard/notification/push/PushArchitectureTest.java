package io.switchboard.notification.push;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.switchboard.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class PushArchitectureTest {

    /** webpush-java, BouncyCastle and Apache's HTTP client register globals and block: one adapter (with its answer consumer) uses them. */
    @ArchTest
    static final ArchRule onlyTheWebPushAdapter_touchesWebPushJava = noClasses()
            // the sender, its nested classes, and the answer consumer it hands to the HTTP client
            .that().haveNameNotMatching("io\\.switchboard\\.notification\\.push\\.(WebPushSender|StatusOnlyConsumer)(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("nl.martijndwars..", "org.bouncycastle..", "org.apache.http..");

    /** In-app reaches push only through PushSubscriptions#deleteForMember. */
    @ArchTest
    static final ArchRule inApp_usesOnlyPushSubscriptions = noClasses()
            .that().resideInAPackage("io.switchboard.notification.inapp..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.switchboard.notification.push..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(PushSubscriptions.class))));
}
