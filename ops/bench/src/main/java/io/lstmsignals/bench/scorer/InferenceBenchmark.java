package io.lstmsignals.bench.scorer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.contract.BarInterval;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.schemas.contract.lifecycle.ModelLines;
import io.lstmsignals.schemas.contract.lifecycle.ModelVersions;
import io.lstmsignals.schemas.contract.lifecycle.Promotion;
import io.lstmsignals.schemas.contract.lifecycle.Release;
import io.lstmsignals.schemas.registry.InMemorySchemaRegistry;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.serde.AvroSerdes;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import io.lstmsignals.scorer.model.ModelArtifact;
import io.lstmsignals.scorer.model.ModelSlot;
import io.lstmsignals.scorer.model.ModelView;
import io.lstmsignals.scorer.onnx.OnnxRuntimeOptions;
import io.lstmsignals.scorer.onnx.OnnxScorer;
import io.lstmsignals.scorer.stream.BarScoring;
import io.lstmsignals.scorer.window.SymbolState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.common.serialization.Serde;

/**
 * Prices one bar inside the scorer against bare ONNX Runtime on the same windows, in the same JVM.
 *
 * <ul>
 *   <li>bare: the artifact's session (same options: CPU, 1 intra-op thread), batch 1, a direct
 *       buffer refilled per window, a tensor per call — the least any scorer must do;
 *   <li>scorer: per bar, Avro bytes → {@link Bar} → {@link BarScoring} (window read from and
 *       written back to a map as the store's bytes, decision, metrics) → {@link Signal} → Avro
 *       bytes. What Streams adds around it (store changelog, transactions, network) is in the
 *       end-to-end figure instead.
 * </ul>
 *
 * Rounds alternate the two so drift on a shared machine hits both; the median round is reported.
 */
final class InferenceBenchmark {
  private static final String SCOPE = "scorer-benchmark";

  record Result(double bareMicros, double scorerMicros, int windowsPerRound) {
    double ratio() {
      return scorerMicros / bareMicros;
    }
  }

  private final ModelArtifact artifact;
  private final int symbols;
  private final int barsPerSymbol;

  InferenceBenchmark(ModelArtifact artifact, int symbols, int barsPerSymbol) {
    this.artifact = artifact;
    this.symbols = symbols;
    this.barsPerSymbol = barsPerSymbol;
  }

  Result run(int rounds) throws OrtException {
    Map<String, Object> serdeConfig = AvroSerdeConfig.specificRecords("mock://" + SCOPE);
    try (OnnxScorer scorer = OnnxScorer.load(artifact, OnnxRuntimeOptions.cpu());
        Serde<Bar> barSerde = AvroSerdes.specific(Bar.class, serdeConfig, false);
        Serde<Signal> signalSerde = AvroSerdes.specific(Signal.class, serdeConfig, false)) {
      int needed = scorer.barsNeeded();
      List<List<byte[]>> warmUps = new ArrayList<>();
      List<byte[]> timed = new ArrayList<>();
      List<float[]> windows = new ArrayList<>();
      for (int s = 0; s < symbols; s++) {
        List<Bar> series = SyntheticBars.series("SYM" + s, needed - 1 + barsPerSymbol, 1000L + s);
        List<byte[]> warm = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
          byte[] bytes = barSerde.serializer().serialize("bars", series.get(i));
          if (i < needed - 1) {
            warm.add(bytes);
          } else {
            timed.add(bytes);
            windows.add(window(series.subList(i - needed + 1, i + 1)));
          }
        }
        warmUps.add(warm);
      }
      List<byte[]> interleaved = interleave(timed, symbols, barsPerSymbol);
      double[] bare = new double[rounds];
      double[] inScorer = new double[rounds];
      try (OrtSession session =
          OnnxRuntimeOptions.cpu()
              .open(OrtEnvironment.getEnvironment(), artifact.onnx())
              .session()) {
        bareMicros(session, windows, needed);
        scorerMicros(scorer, artifact.sha256(), warmUps, interleaved, barSerde, signalSerde);
        for (int r = 0; r < rounds; r++) {
          bare[r] = bareMicros(session, windows, needed);
          inScorer[r] =
              scorerMicros(scorer, artifact.sha256(), warmUps, interleaved, barSerde, signalSerde);
        }
      }
      return new Result(median(bare), median(inScorer), windows.size());
    } finally {
      InMemorySchemaRegistry.dropScope(SCOPE);
    }
  }

  private static float[] window(List<Bar> bars) {
    float[] flat = new float[bars.size() * ModelInput.FIELDS];
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      ModelInput.put(
          flat, i, bar.getOpen(), bar.getHigh(), bar.getLow(), bar.getClose(), bar.getVolume());
    }
    return flat;
  }

  /** Bars in time order across symbols, as a multi-symbol stream delivers them. */
  private static List<byte[]> interleave(List<byte[]> bySymbol, int symbols, int perSymbol) {
    List<byte[]> result = new ArrayList<>(bySymbol.size());
    for (int i = 0; i < perSymbol; i++) {
      for (int s = 0; s < symbols; s++) {
        result.add(bySymbol.get(s * perSymbol + i));
      }
    }
    return result;
  }

  private static double bareMicros(OrtSession session, List<float[]> windows, int needed)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    String input = session.getInputNames().iterator().next();
    FloatBuffer buffer =
        ByteBuffer.allocateDirect(needed * ModelInput.FIELDS * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    long[] shape = {1, needed, ModelInput.FIELDS};
    double sink = 0;
    long start = System.nanoTime();
    for (float[] window : windows) {
      buffer.clear();
      buffer.put(window);
      buffer.flip();
      try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, shape);
          OrtSession.Result result = session.run(Map.of(input, tensor))) {
        sink += ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
      }
    }
    long elapsed = System.nanoTime() - start;
    if (Double.isNaN(sink)) {
      throw new IllegalStateException("bare inference returned NaN");
    }
    return elapsed / 1e3 / windows.size();
  }

  private static double scorerMicros(
      OnnxScorer scorer,
      String sha256,
      List<List<byte[]>> warmUps,
      List<byte[]> timed,
      Serde<Bar> barSerde,
      Serde<Signal> signalSerde) {
    ScorerMetrics metrics = new ScorerMetrics(new SimpleMeterRegistry());
    ModelSlot slot = new ModelSlot(servingEverySymbol(scorer, sha256, metrics, warmUps.size()));
    BarScoring scoring =
        new BarScoring(
            scorer.barsNeeded(), SyntheticBars.H4, "4h", slot, metrics, Clock.systemUTC());
    Map<String, byte[]> states = new HashMap<>();
    for (List<byte[]> warm : warmUps) {
      for (byte[] bytes : warm) {
        Bar bar = barSerde.deserializer().deserialize("bars", bytes);
        score(scoring, states, bar);
      }
    }
    long bytesOut = 0;
    long start = System.nanoTime();
    for (byte[] bytes : timed) {
      Bar bar = barSerde.deserializer().deserialize("bars", bytes);
      for (Signal signal : score(scoring, states, bar)) {
        if (signal.getPredictedLogReturn() == null) {
          throw new IllegalStateException(
              "bar "
                  + bar.getSymbol()
                  + "@"
                  + bar.getOpenTime()
                  + " was not scored: "
                  + signal.getReasonDetail());
        }
        bytesOut += signalSerde.serializer().serialize("signals", signal).length;
      }
    }
    long elapsed = System.nanoTime() - start;
    if (bytesOut == 0) {
      throw new IllegalStateException("no signal was produced");
    }
    return elapsed / 1e3 / timed.size();
  }

  /** As the processor does per bar: state from its bytes, accept, decide, state back to bytes. */
  private static List<Signal> score(BarScoring scoring, Map<String, byte[]> store, Bar bar) {
    SymbolState state = scoring.state(store.get(bar.getSymbol()));
    scoring.accept(bar.getSymbol(), bar, state);
    List<Signal> signals = scoring.decide(bar.getSymbol(), state).signals();
    store.put(bar.getSymbol(), state.toBytes());
    return signals;
  }

  /** A view in which the benchmark model is in force for every synthetic symbol. */
  private static ModelView servingEverySymbol(
      OnnxScorer scorer, String sha256, ScorerMetrics metrics, int symbols) {
    List<String> names = new ArrayList<>();
    for (int s = 0; s < symbols; s++) {
      names.add("SYM" + s);
    }
    Release release =
        new Release(
            scorer.modelName(),
            scorer.version(),
            sha256,
            names,
            scorer.windowBars(),
            BarInterval.FOUR_HOURS,
            null,
            null,
            null);
    Promotion promotion =
        new Promotion(
            release.line(),
            Promotion.Action.PROMOTE,
            release.version(),
            release.sha256(),
            null,
            null,
            List.of(),
            OptionalInt.empty(),
            Instant.EPOCH,
            "benchmark",
            "benchmark");
    return ModelView.caughtUp(
        ModelLines.empty().withRelease(release).withPromotion(promotion),
        Map.of(ModelVersions.releaseKey(release.line(), release.version()), metrics.timed(scorer)));
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
