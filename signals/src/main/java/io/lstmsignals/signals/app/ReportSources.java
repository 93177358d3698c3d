package io.lstmsignals.signals.app;

import io.lstmsignals.schemas.avro.Fill;
import io.lstmsignals.signals.report.ObservedCosts;
import io.lstmsignals.signals.report.PerformanceReport;
import io.lstmsignals.signals.stream.SignalsConfig;

/**
 * Everything a P&amp;L report is made of, read from the topics: the P&amp;L series, the model
 * versions' ranges and the costs the fills show.
 */
public final class ReportSources {

  private ReportSources() {}

  public static PerformanceReport.Inputs read(SignalsConfig config) {
    ObservedCosts costs = new ObservedCosts();
    CommittedTopic.readToEnd(
        config,
        config.fills().name(),
        Fill.class,
        record -> {
          Fill fill = record.value();
          costs.add(
              fill.getNotional(), fill.getFee(), fill.getSlippage(), fill.getFillMode().name());
        });
    return new PerformanceReport.Inputs(
        PnlHistory.read(config), ModelSamples.read(config), costs, config.portfolioSymbols());
  }
}
