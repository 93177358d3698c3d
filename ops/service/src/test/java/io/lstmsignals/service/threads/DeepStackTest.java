package io.lstmsignals.service.threads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeepStackTest {
  /** Deep enough to overflow a 256 KiB stack, shallow enough for 16 MiB. */
  private static final int DEPTH = 40_000;

  @Test
  void aRecursionThatOverflowsASmallStackCompletesOnTheDeepOne() throws Exception {
    AtomicReference<Throwable> onSmallStack = new AtomicReference<>();
    Thread small =
        new Thread(
            null,
            () -> {
              try {
                depth(DEPTH);
              } catch (StackOverflowError e) {
                onSmallStack.set(e);
              }
            },
            "small",
            256 << 10);
    small.start();
    small.join();
    assertThat(onSmallStack.get()).isInstanceOf(StackOverflowError.class);

    AtomicReference<Throwable> fromSmallCaller = new AtomicReference<>();
    AtomicReference<Integer> reached = new AtomicReference<>();
    Thread caller =
        new Thread(
            null,
            () -> {
              try {
                reached.set(DeepStack.call("deep", () -> depth(DEPTH)));
              } catch (Throwable e) {
                fromSmallCaller.set(e);
              }
            },
            "small-caller",
            256 << 10);
    caller.start();
    caller.join();
    assertThat(fromSmallCaller.get()).isNull();
    assertThat(reached.get()).isEqualTo(DEPTH);
  }

  @Test
  void theCallsExceptionsReachTheCallerAsThrown() {
    assertThatThrownBy(
            () ->
                DeepStack.call(
                    "checked",
                    () -> {
                      throw new IOException("model file gone");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("model file gone");
    assertThatThrownBy(
            () ->
                DeepStack.call(
                    "unchecked",
                    () -> {
                      throw new IllegalArgumentException("bad model");
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad model");
  }

  @Test
  void runsOnAThreadOfItsOwnWithTheGivenName() throws Exception {
    assertThat(DeepStack.call("onnx-session-open", () -> Thread.currentThread().getName()))
        .isEqualTo("onnx-session-open");
  }

  @Test
  void anInterruptWhileItRunsIsKeptForTheCaller() throws Exception {
    Thread.currentThread().interrupt();
    try {
      assertThat(
              DeepStack.<String, InterruptedException>call(
                  "sleeper",
                  () -> {
                    Thread.sleep(50);
                    return "done";
                  }))
          .isEqualTo("done");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  private static int depth(int remaining) {
    return remaining == 0 ? 0 : 1 + depth(remaining - 1);
  }
}
