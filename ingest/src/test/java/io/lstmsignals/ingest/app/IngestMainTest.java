package io.lstmsignals.ingest.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IngestMainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = IngestMain.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void helpShouldListTheRegisteredCommandsThenTheExamples() {
    assertThat(IngestMain.commandLine().getSubcommands().keySet())
        .containsExactly("replay", "poll", "help");

    assertThat(run("--help")).isZero();

    String help = out.toString();
    assertThat(help).contains("<topic>.dlq", "bin/ingest replay data/BTCUSDT-4h.csv");
    String commands = help.substring(help.indexOf("Commands:"), help.indexOf("Examples"));
    assertThat(commands).containsPattern("(?m)^  replay  ").containsPattern("(?m)^  poll  ");
  }

  @Test
  void replayHelpShouldNameTheDefaultsAndTheFileFormat() {
    assertThat(run("help", "replay")).isZero();
    assertThat(out.toString())
        .contains(
            "--bootstrap-servers",
            "localhost:9092",
            "lstm.bars.4h",
            "open_time_utc,open,high,low,close,volume",
            "--speed");
  }

  @Test
  void missingFileShouldExitWithTwoAndOneClearLine() {
    assertThat(run("replay", "--bootstrap-servers", "127.0.0.1:1", "no-such-dir/BTCUSDT-4h.csv"))
        .isEqualTo(2);
    assertThat(err.toString())
        .startsWith("ingest replay: File no-such-dir/BTCUSDT-4h.csv not found");
  }

  @Test
  void unknownPollIntervalShouldExitWithTwoNamingTheValidOnes() {
    assertThat(run("poll", "--symbols", "BTCUSDT", "--interval", "7h")).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "Invalid value 7h for configuration ingest.poll.interval: must be one of", "1h", "4h");
  }

  @Test
  void replayWithoutFilesShouldBeAUsageError() {
    assertThat(run("replay")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
  }
}
