package io.lstmsignals.ops.stackcli;

import io.lstmsignals.ops.demo.PipelineTopics;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.schemas.topic.TopicSpec;
import io.lstmsignals.service.cli.ServiceOptions;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.ConfigSpec;
import io.lstmsignals.service.config.Settings;
import io.lstmsignals.service.preflight.StartupChecks;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code stack topics create}: creates the topics of the catalogue (each with the partitions and
 * configs its contract fixes) on a broker, the one step that creates topics; the services only
 * check that theirs exist. Existing topics are left alone, with a check of their partition count.
 */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "The catalogue's topics on a broker.",
    subcommands = TopicsCommand.Create.class)
public final class TopicsCommand implements Runnable {

  static final String REPLICATION_FACTOR = "topics.replication.factor";

  /** The keys {@code topics create} reads: where the broker is, and the replication factor. */
  public static final ConfigSpec SPEC =
      CommonKeys.connection(ConfigSpec.forService("topics"))
          .define(
              REPLICATION_FACTOR,
              ConfigDef.Type.SHORT,
              (short) -1,
              CommonKeys.REPLICATION_FACTOR,
              "Replication factor of the topics created; -1 = the broker's default.")
          .build();

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description = {
        "Creates every topic of the catalogue that the broker does not have yet: bars, signals,"
            + " fills, P&L, models and their dead-letter topics (bin/stack up does it on its own"
            + " stack). Prints what it created.",
        ""
      })
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ServiceOptions options;

    @Override
    public Integer call() {
      Settings settings = options.settings(SPEC);
      short replication = settings.shortValue(REPLICATION_FACTOR);
      List<TopicSpec> specs =
          PipelineTopics.standard().specs().stream()
              .map(topic -> topic.withReplicationFactor(replication))
              .toList();
      PrintWriter out = spec.commandLine().getOut();
      try (Admin admin =
          StartupChecks.connectedAdmin(CommonKeys.clientConfig(settings), StartupChecks.TIMEOUT)) {
        List<String> created = new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(specs);
        for (TopicSpec topic : specs) {
          out.println(
              (created.contains(topic.name()) ? "created  " : "exists   ")
                  + topic.name()
                  + " partitions="
                  + topic.partitions()
                  + " "
                  + topic.sortedConfigs());
        }
      }
      return 0;
    }
  }
}
