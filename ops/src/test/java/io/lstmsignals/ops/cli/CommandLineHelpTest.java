package io.lstmsignals.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.ingest.app.IngestMain;
import io.lstmsignals.ops.stackcli.StackMain;
import io.lstmsignals.scorer.app.ScorerMain;
import io.lstmsignals.service.cli.CommandLines;
import io.lstmsignals.signals.app.SignalsMain;
import io.lstmsignals.trainer.app.TrainerMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * The conventions every command line of the project keeps, checked on each command and subcommand:
 * {@code -V} prints the project's version, every group of commands has {@code help}, and the usage
 * help, rendered at 80 columns, never breaks a configuration key, a {@code HOST:PORT}, a path or a
 * URL across lines.
 */
class CommandLineHelpTest {
  private static final Pattern UNBREAKABLE =
      Pattern.compile(
          "https?://\\S+" // URLs
              + "|\\S+:\\d+\\S*" // HOST:PORT
              + "|[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_*<>-]+)+" // keys, files, dotted names
              + "|\\S*/\\S+" // paths
              + "|[A-Z][A-Z0-9]*(_[A-Z0-9]+)+"); // environment variables

  static Stream<Arguments> commandLines() {
    Map<String, Supplier<CommandLine>> mains =
        Map.of(
            "stack", StackMain::commandLine,
            "scorer", ScorerMain::commandLine,
            "signals", SignalsMain::commandLine,
            "ingest", IngestMain::commandLine,
            "trainer", TrainerMain::commandLine,
            "models", io.lstmsignals.trainer.models.ModelsMain::commandLine,
            "retrainer", io.lstmsignals.trainer.retrainer.RetrainerMain::commandLine,
            "replay", io.lstmsignals.ops.replay.ReplayMain::commandLine,
            "demo", () -> CommandLines.create(new io.lstmsignals.ops.demo.DemoMain()));
    List<Arguments> all = new ArrayList<>();
    mains.forEach((name, main) -> collect(main.get(), all));
    return all.stream();
  }

  private static void collect(CommandLine commandLine, List<Arguments> into) {
    into.add(Arguments.of(commandLine.getCommandSpec().qualifiedName(), commandLine));
    commandLine.getSubcommands().values().stream()
        .filter(sub -> !(sub.getCommand() instanceof CommandLine.HelpCommand))
        .forEach(sub -> collect(sub, into));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commandLines")
  void versionShouldBeTheProjects(String name, CommandLine commandLine) {
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out));

    assertThat(commandLine.execute("-V")).isZero();
    assertThat(out.toString().strip()).isEqualTo("lstm-signals " + CommandLines.version());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commandLines")
  void everyGroupOfCommandsShouldHaveHelp(String name, CommandLine commandLine) {
    if (!commandLine.getSubcommands().isEmpty()) {
      assertThat(commandLine.getSubcommands()).containsKey("help");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commandLines")
  void helpShouldNeverBreakAKeyAnAddressOrAUrl(String name, CommandLine commandLine) {
    commandLine.setUsageHelpAutoWidth(false);
    commandLine.setUsageHelpWidth(80);
    String usage = commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF);

    for (String text : texts(commandLine)) {
      Matcher token = UNBREAKABLE.matcher(text.replaceAll("\\$\\{[^}]*}", " "));
      while (token.find()) {
        String whole = token.group().replaceAll("[.,;:)]+$", "");
        assertThat(usage).as("%s's help shows '%s' on one line", name, whole).contains(whole);
      }
    }
  }

  private static List<String> texts(CommandLine commandLine) {
    var spec = commandLine.getCommandSpec();
    List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
    texts.addAll(List.of(spec.usageMessage().footer()));
    for (ArgSpec arg : spec.args()) {
      texts.addAll(List.of(arg.description()));
    }
    return texts;
  }
}
