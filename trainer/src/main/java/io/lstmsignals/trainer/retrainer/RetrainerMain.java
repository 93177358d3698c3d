package io.lstmsignals.trainer.retrainer;

import io.lstmsignals.service.cli.CommandLineLogging;
import io.lstmsignals.service.cli.CommandLines;
import io.lstmsignals.service.cli.ServiceOptions;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bin/retrainer}: the periodic retrain-and-redeploy service. */
@Command(
    name = "retrainer",
    mixinStandardHelpOptions = true,
    description = "Retrains model lines on their schedule and puts the winners in force.",
    subcommands = {RetrainerMain.Run.class, CommandLine.HelpCommand.class})
public final class RetrainerMain {

  public static void main(String[] args) {
    CommandLineLogging.useUnlessConfigured();
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for main and for tests. */
  public static CommandLine commandLine() {
    return CommandLines.create(new RetrainerMain(), IllegalStateException.class);
  }

  /** {@code retrainer run}: one instance, until stopped. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description = {
        "Runs one retrainer instance until Ctrl-C. Instances with the same retrainer.group.id share"
            + " the lines; each decision is written in one transaction to the models, promotions"
            + " and model-events topics.",
        "",
        "Settings come from --config FILE, then LSTM_CONF_<KEY> environment variables, then --set,"
            + " then --bootstrap-servers/--schema-registry-url. Every key, its default and its valid"
            + " values: trainer/README.md (Retraining) and ops/config/retrainer.properties.",
        ""
      })
  static final class Run implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Run.class);

    @Mixin ServiceOptions options;

    @Override
    public Integer call() throws Exception {
      RetrainerConfig config = RetrainerConfig.from(options.settings(RetrainerConfig.SPEC));
      RetrainerService service = new RetrainerService(config, Clock.systemUTC());
      Runtime.getRuntime().addShutdownHook(new Thread(service::close, "retrainer-shutdown"));
      service.start();
      config.policies().forEach(policy -> log.info("Retraining {}", policy.describe()));
      return service.awaitStop() ? 1 : 0;
    }
  }
}
