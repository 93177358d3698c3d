package io.lstmsignals.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class BenchMainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CommandLine commandLine = BenchMain.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void shouldRegisterEveryBenchmark() {
    assertThat(BenchMain.commandLine().getSubcommands().keySet())
        .containsExactly("scorer", "live", "ingest", "trainer", "help");
  }

  @ParameterizedTest
  @ValueSource(strings = {"scorer", "live", "ingest", "trainer"})
  void everyBenchmarkShouldAnswerHelp(String benchmark) {
    int exit = execute(benchmark, "--help");

    assertThat(exit).as("exit of '%s --help'; err: %s", benchmark, err).isZero();
    assertThat(out.toString()).contains("Usage: bench " + benchmark, "-h, --help");
  }

  @Test
  void aWarmUpShorterThanTheWindowIsRefusedBeforeAnythingRuns() {
    // Given the shipped model (W = 48) and a warm-up of 10 rounds
    int exit =
        execute(
            "scorer",
            "--artifact",
            "../../models/lstm-4h-default",
            "--warmup-rounds",
            "10",
            "--bootstrap-servers",
            "127.0.0.1:1");

    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("Invalid value 10 for --warmup-rounds")
        .contains("W + 1 = 49");
  }

  @Test
  void liveRefusesAnEmptyBurst() {
    int exit = execute("live", "--symbols", "0", "--bootstrap-servers", "127.0.0.1:1");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid --symbols [0]");
  }
}
