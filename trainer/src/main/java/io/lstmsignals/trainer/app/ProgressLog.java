package io.lstmsignals.trainer.app;

import io.lstmsignals.trainer.train.EpochReport;
import io.lstmsignals.trainer.train.TrainingListener;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Live training progress: one INFO line per epoch. */
final class ProgressLog implements TrainingListener {

  private static final Logger log = LoggerFactory.getLogger(ProgressLog.class);

  private final String run;
  private final int maxEpochs;

  ProgressLog(String run, int maxEpochs) {
    this.run = run;
    this.maxEpochs = maxEpochs;
  }

  @Override
  public void onEpoch(EpochReport report) {
    log.info(
        "{} epoch {}/{} train_loss={} val_loss={} time={}s{}",
        run,
        report.epoch(),
        maxEpochs,
        String.format(Locale.ROOT, "%.6f", report.trainLoss()),
        String.format(Locale.ROOT, "%.6f", report.validationLoss()),
        String.format(Locale.ROOT, "%.2f", report.seconds()),
        report.improved() ? " (best so far)" : "");
  }
}
