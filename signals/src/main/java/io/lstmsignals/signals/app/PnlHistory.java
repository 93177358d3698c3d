package io.lstmsignals.signals.app;

import io.lstmsignals.schemas.avro.PnlScope;
import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.signals.report.PerformanceReport;
import io.lstmsignals.signals.report.PnlPoint;
import io.lstmsignals.signals.stream.SignalsConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;

/** Reads the committed P&amp;L topic back into per-series points, for reports. */
public final class PnlHistory {
  private PnlHistory() {}

  /**
   * Every P&amp;L series in the topic, up to its end when called: symbols by name, then portfolios
   * as {@code "<name> (portfolio)"}, each sorted by bar close time.
   */
  public static SequencedMap<String, List<PnlPoint>> read(SignalsConfig config) {
    Map<String, List<PnlSnapshot>> symbols = new TreeMap<>();
    Map<String, List<PnlSnapshot>> portfolios = new TreeMap<>();
    CommittedTopic.readToEnd(
        config,
        config.pnl().name(),
        PnlSnapshot.class,
        record -> {
          PnlSnapshot snapshot = record.value();
          (snapshot.getScope() == PnlScope.PORTFOLIO ? portfolios : symbols)
              .computeIfAbsent(snapshot.getSymbol(), k -> new ArrayList<>())
              .add(snapshot);
        });
    SequencedMap<String, List<PnlPoint>> series = new LinkedHashMap<>();
    symbols.forEach((name, list) -> series.put(name, points(list)));
    portfolios.forEach(
        (name, list) -> series.put(name + PerformanceReport.PORTFOLIO_SUFFIX, points(list)));
    return series;
  }

  private static List<PnlPoint> points(List<PnlSnapshot> snapshots) {
    return snapshots.stream()
        .sorted(Comparator.comparing(PnlSnapshot::getBarCloseTime))
        .map(PnlHistory::point)
        .toList();
  }

  static PnlPoint point(PnlSnapshot s) {
    return new PnlPoint(
        s.getBarOpenTime().toEpochMilli(),
        s.getBarCloseTime().toEpochMilli(),
        s.getPosition(),
        s.getBarReturn(),
        s.getStrategyReturn(),
        s.getTrades(),
        s.getCumulativeReturn(),
        s.getModelVersion());
  }
}
