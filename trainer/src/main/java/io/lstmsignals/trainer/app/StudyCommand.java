package io.lstmsignals.trainer.app;

import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.study.StudyConfiguration;
import io.lstmsignals.trainer.study.StudyRunner;
import io.lstmsignals.trainer.study.StudyTable;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trainer study}: the study's table over several seeds, beside the published single-seed
 * numbers.
 */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    description =
        "Reproduce the study's table: baselines and LSTM configurations over several seeds.")
final class StudyCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(StudyCommand.class);

  @Mixin DataOptions data;
  @Mixin ComputeOptions compute;

  @Option(
      names = "--seeds",
      defaultValue = "5",
      description = "Seeds per configuration. Default: 5")
  int seeds;

  @Option(
      names = "--first-seed",
      defaultValue = "42",
      description = "Seeds are first-seed, first-seed + 1, ..." + " Default: 42")
  long firstSeed;

  @Option(
      names = "--configs",
      split = ",",
      defaultValue = "default,smallest,largest,wide",
      description =
          "Configurations to run: default (48,32,2,0.1), smallest (24,16,1,0), largest (96,64,3,0.2),"
              + " wide (48,64,2,0.2). Default: all")
  List<String> configs;

  @Option(
      names = "--out",
      defaultValue = "runs/study",
      description = {
        "Directory for study.md, study.csv and",
        "study-runs.csv. Default: ${DEFAULT-VALUE}"
      })
  Path out;

  @Option(
      names = "--epoch-progress",
      description = "Log every epoch of every run, not only each run's result")
  boolean epochProgress;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (seeds < 1) {
      throw new IllegalArgumentException("Invalid value " + seeds + " for --seeds: must be >= 1");
    }
    List<StudyConfiguration> configurations =
        configs.stream().map(StudyConfiguration::byId).toList();
    List<Long> seedList = LongStream.range(firstSeed, firstSeed + seeds).boxed().toList();
    BarSeries bars = data.read();
    log.info("Study source={} configs={} seeds={}", bars.source(), configs, seedList);
    StudyTable table;
    try (Trainer trainer = compute.trainer()) {
      table =
          new StudyRunner(trainer, bars)
              .run(
                  configurations,
                  seedList,
                  epochProgress
                      ? new ProgressLog("study", TrainingConfig.STUDY_DEFAULT.maxEpochs())
                      : report -> {});
    }
    Files.createDirectories(out);
    Files.writeString(out.resolve("study.md"), table.markdown(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("study.csv"), table.csv(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("study-runs.csv"), table.runsCsv(), StandardCharsets.UTF_8);
    spec.commandLine().getOut().print(table.markdown());
    spec.commandLine()
        .getOut()
        .println("Written to " + out.resolve("study.md") + ", study.csv, study-runs.csv");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
