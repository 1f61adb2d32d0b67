package io.switchboard.e2e;

import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The class order of this module (junit-platform.properties): the classes marked {@link UsesSharedStack} first,
 * then the others, each group by name. The shared stack is then started once and stopped before the first class
 * that starts a stack of its own; any other order would still be correct, only slower.
 */
public final class SharedStackFirst implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparing((org.junit.jupiter.api.ClassDescriptor d) -> d.isAnnotated(UsesSharedStack.class) ? 0 : 1)
                .thenComparing(d -> d.getTestClass().getName()));
    }
}
