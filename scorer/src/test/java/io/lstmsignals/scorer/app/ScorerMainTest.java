package io.lstmsignals.scorer.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class ScorerMainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    CommandLine commandLine = ScorerMain.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void shouldRefuseAnInvalidConfigurationBeforeConnecting() {
    int exit =
        execute(
            "run",
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--set",
            "scorer.window.capacity=-5",
            "--set",
            "scorer.onnx.provider=tpu");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("scorer run: Invalid scorer configuration (2 problems):")
        .contains(
            "Invalid value tpu for configuration scorer.onnx.provider: must be one of cpu, cuda,"
                + " cuda-or-cpu",
            "Invalid value -5 for configuration scorer.window.capacity: Value must be at least 2");
  }

  @Test
  void shouldRefuseToReleaseADirectoryWithoutAnArtifact(@TempDir Path empty) {
    int exit =
        execute("release", "--artifact", empty.toString(), "--bootstrap-servers", "127.0.0.1:1");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("model.onnx cannot be read");
  }

  @Test
  void helpShouldListTheRegisteredCommandsThenTheExamples() {
    assertThat(ScorerMain.commandLine().getSubcommands().keySet())
        .containsExactly("run", "release", "help");

    int exit = execute("--help");

    assertThat(exit).isZero();
    String help = out.toString();
    String commands = help.substring(help.indexOf("Commands:"), help.indexOf("Examples"));
    assertThat(commands).containsPattern("(?m)^  run  ").containsPattern("(?m)^  release  ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "release"})
  void everyCommandShouldAnswerHelp(String command) {
    int exit = execute(command, "--help");

    assertThat(exit).as("exit of '%s --help'; err: %s", command, err).isZero();
    assertThat(out.toString()).contains("Usage: scorer " + command, "-h, --help");
  }
}
