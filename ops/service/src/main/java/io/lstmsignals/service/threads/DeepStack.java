package io.lstmsignals.service.threads;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a call on a fresh thread with a large stack and waits for it. ONNX Runtime's session
 * creation needs one: opening one of our exported models recurses through the graph in native code
 * deeply enough to pass a Java thread's default 1 MiB stack, and the JVM then dies of SIGSEGV with
 * no hs_err file (seen in {@code bin/bench} on the main thread; a backtrace shows one three-frame
 * cycle inside libonnxruntime; from a 512 KiB thread it crashes every time). Every place that opens
 * a session goes through here, whatever thread calls it. (The retrainer still needs a large stack
 * of its own for something else it runs natively: see its service thread.)
 */
public final class DeepStack {
  /** Sixteen times the default; reserved, not committed, until the recursion touches it. */
  public static final long STACK_BYTES = 16L << 20;

  /** A call that may throw a checked exception of type {@code E}. */
  @FunctionalInterface
  public interface Call<T, E extends Exception> {
    T call() throws E;
  }

  private DeepStack() {}

  /**
   * Runs {@code call} on a thread named {@code name} with {@value #STACK_BYTES} bytes of stack. An
   * interrupt while it runs is kept for the caller, not acted on: native code half-way through
   * cannot be abandoned.
   *
   * @throws E what {@code call} threw (unchecked exceptions and errors too)
   */
  public static <T, E extends Exception> T call(String name, Call<T, E> call) throws E {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result.set(call.call());
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            name,
            STACK_BYTES);
    thread.start();
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable thrown = failure.get();
    if (thrown == null) {
      return result.get();
    }
    if (thrown instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    if (thrown instanceof Error error) {
      throw error;
    }
    @SuppressWarnings("unchecked") // Call.call() throws only E among checked exceptions.
    E checked = (E) thrown;
    throw checked;
  }
}
