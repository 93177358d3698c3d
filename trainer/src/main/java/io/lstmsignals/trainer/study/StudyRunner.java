package io.lstmsignals.trainer.study;

import io.lstmsignals.performance.PerformanceMetrics;
import io.lstmsignals.performance.stats.StationaryBootstrap;
import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.Feature;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.eval.Baselines;
import io.lstmsignals.trainer.eval.TestEvaluation;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingListener;
import io.lstmsignals.trainer.train.TrainingResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the study: the baselines once, then every configuration over every seed with the study's
 * protocol (train-only scaling, early stopping, last epoch kept, one-step walk-forward test with
 * frozen weights). Test predictions come from the Java forward pass; the exported artifact matches
 * it within 1e-5 (see the parity test).
 */
public final class StudyRunner {

  private static final Logger log = LoggerFactory.getLogger(StudyRunner.class);

  private final Trainer trainer;
  private final BarSeries bars;
  private final Map<Integer, StudyDataset> datasets = new HashMap<>();

  public StudyRunner(Trainer trainer, BarSeries bars) {
    this.trainer = trainer;
    this.bars = bars;
  }

  /** The study table over the given configurations and seeds. */
  public StudyTable run(
      List<StudyConfiguration> configurations, List<Long> seeds, TrainingListener epochs) {
    StudyDataset reference = dataset(StudyConfiguration.DEFAULT.config(0).windowBars());
    List<SeedRun> runs = new ArrayList<>();
    int total = configurations.size() * seeds.size();
    for (StudyConfiguration configuration : configurations) {
      for (long seed : seeds) {
        SeedRun run = run(configuration, seed, epochs);
        runs.add(run);
        log.info(
            "study run {}/{} config={} seed={} epochs={} seconds={} mae={} cumulativeReturn={} sharpe={}",
            runs.size(),
            total,
            configuration.id(),
            seed,
            run.epochs(),
            String.format("%.1f", run.seconds()),
            String.format("%.2f", run.forecast().mae()),
            String.format("%.4f", run.strategy().cumulativeReturn()),
            run.strategy().sharpe().isPresent()
                ? String.format("%.4f", run.strategy().sharpe().getAsDouble())
                : "undefined");
      }
    }
    return new StudyTable(
        bars.source(),
        Baselines.naive(bars, Baselines.STUDY_NAIVE_BARS),
        Baselines.buyAndHold(reference),
        StationaryBootstrap.standard()
            .sharpe(
                TestEvaluation.of(reference, new double[reference.testRows().size()])
                    .buyAndHold()
                    .returns(),
                PerformanceMetrics.PERIODS_PER_YEAR_4H),
        Baselines.alwaysUpDirectionalAccuracy(reference),
        seeds,
        runs);
  }

  /** Trains and tests one configuration with one seed. */
  public SeedRun run(StudyConfiguration configuration, long seed, TrainingListener epochs) {
    var config = configuration.config(seed);
    StudyDataset data = dataset(config.windowBars());
    long started = System.nanoTime();
    TrainingResult result = trainer.train(data, config, epochs);
    double seconds = (System.nanoTime() - started) / 1e9;
    double[] scaled = trainer.predictScaled(data, result.network(), data.testRows());
    double[] logReturns = new double[scaled.length];
    for (int i = 0; i < scaled.length; i++) {
      logReturns[i] = data.targetScaler().unscale(0, scaled[i]);
    }
    TestEvaluation test = TestEvaluation.of(data, logReturns);
    return SeedRun.measured(
        configuration,
        seed,
        test.forecast(),
        test.strategy(),
        test.buyAndHold(),
        result.epochsRun(),
        seconds);
  }

  private StudyDataset dataset(int windowBars) {
    return datasets.computeIfAbsent(
        windowBars, window -> StudyDataset.prepare(bars, Feature.STUDY, window));
  }
}
