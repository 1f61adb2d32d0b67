package io.switchboard.identity.routing;

import io.switchboard.events.routing.RoutingSetup;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A routing setup of the right shape ({@link RoutingSetup#violations()}): known channels, capacities 0..100,
 * client channels among the allowed ones, at most 100 clients and 50 teams. Each problem names its field below
 * the annotated one, e.g. {@code routing.channels.FAX} or {@code routing.clients.<id>[0]}. Null is valid.
 */
@Documented
@Constraint(validatedBy = ValidRouting.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidRouting {

    String message() default "invalid routing setup";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports each violation on its own field; messages are fixed text (no user input is interpolated). */
    final class Check implements ConstraintValidator<ValidRouting, RoutingSetup> {

        @Override
        public boolean isValid(RoutingSetup setup, ConstraintValidatorContext context) {
            if (setup == null) {
                return true;
            }
            var violations = setup.violations();
            if (violations.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            violations.forEach((field, message) -> context.buildConstraintViolationWithTemplate(escape(message))
                    .addPropertyNode(field).addConstraintViolation());
            return false;
        }

        private static String escape(String message) {
            return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
