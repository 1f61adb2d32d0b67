package io.switchboard.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A test class that runs on {@link Stack#shared()} (and never starts a stack of its own); {@link SharedStackFirst} runs these together. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface UsesSharedStack {
}
