package io.lstmsignals.ops.testkit;

import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.stack.Stacks;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an integration test class that needs a real Kafka broker and schema registry: tags it
 * {@code integration} (run by failsafe, excluded from surefire) and registers {@link
 * StackExtension}, which starts one stack per test JVM (or reuses a running one, see {@link
 * Stacks#fromEnvironment()}) and injects its {@link StackEndpoints} into constructors, lifecycle
 * methods and test methods that declare such a parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("integration")
@ExtendWith(StackExtension.class)
public @interface WithStack {}
