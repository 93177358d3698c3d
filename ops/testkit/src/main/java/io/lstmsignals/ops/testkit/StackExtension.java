package io.lstmsignals.ops.testkit;

import io.lstmsignals.ops.stack.Stack;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.stack.Stacks;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Provides one stack per test JVM (see {@link WithStack}). The first test class that needs it
 * starts it through {@link Stacks#fromEnvironment()}; it lives in the root extension store, so
 * every later class reuses it and JUnit closes it when the whole run ends. The store starts it once
 * even when classes run in parallel, and a stack that failed to start fails every later class at
 * once with the same error rather than being retried.
 */
public final class StackExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(StackExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    sharedStack(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StackEndpoints.class;
  }

  @Override
  public StackEndpoints resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return sharedStack(context).endpoints();
  }

  private static Stack sharedStack(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            SharedStack.class, key -> new SharedStack(Stacks.fromEnvironment()), SharedStack.class)
        .stack();
  }

  /**
   * The store closes AutoCloseable values when its context (here: the root, i.e. the whole run)
   * ends.
   */
  private record SharedStack(Stack stack) implements AutoCloseable {
    @Override
    public void close() {
      stack.close();
    }
  }
}
