package io.lstmsignals.bench.scorer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.lstmsignals.bench.measure.Throughput;
import io.lstmsignals.schemas.avro.Bar;
import io.lstmsignals.schemas.avro.Signal;
import io.lstmsignals.schemas.contract.ModelInput;
import io.lstmsignals.schemas.registry.InMemorySchemaRegistry;
import io.lstmsignals.schemas.serde.AvroSerdeConfig;
import io.lstmsignals.schemas.serde.AvroSerdes;
import io.lstmsignals.scorer.metrics.ScorerMetrics;
import io.lstmsignals.scorer.model.ModelArtifact;
import io.lstmsignals.scorer.model.ModelSlot;
import io.lstmsignals.scorer.onnx.OnnxRuntimeOptions;
import io.lstmsignals.scorer.onnx.OnnxScorer;
import io.lstmsignals.scorer.stream.BarScoring;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * Prices one bar inside the scorer against bare ONNX Runtime on the same windows, in the same JVM,
 * with the session options the scorer is configured with (execution provider, device, intra-op
 * threads).
 *
 * <ul>
 *   <li>bare, batch 1: one session, a direct buffer refilled per window, a tensor per call — the
 *       least a scorer that runs one window at a time must do (the baseline);
 *   <li>bare, batch 64: the same windows 64 to a call — what batching across symbols could reach;
 *   <li>scorer: per bar, Avro bytes → {@link Bar} → {@link BarScoring} (window read from and
 *       written back to a map as the store's bytes, decision, metrics) → {@link Signal} → Avro
 *       bytes. What Streams adds around it (store, changelog, transactions, network) is in the
 *       end-to-end figures instead;
 *   <li>Avro alone: the bar's bytes decoded and a signal encoded, nothing else — the Avro path's
 *       share of the per-bar cost.
 * </ul>
 *
 * Rounds alternate the four so drift on a shared machine hits all; the median round is reported.
 */
final class InferenceBenchmark {
  private static final String SCOPE = "scorer-benchmark";
  static final int BATCH = 64;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * Medians over the rounds; bare ONNX Runtime's CPU time per window too (ONNX Runtime runs on the
   * calling thread with 1 intra-op thread), since on a loaded machine wall time measures the load.
   */
  record Result(
      String provider,
      Throughput bareBatch1,
      Throughput bareBatch64,
      Throughput scorer,
      Throughput avroAlone,
      double bareBatch1CpuMicros,
      double bareBatch64CpuMicros) {}

  private final ModelArtifact artifact;
  private final OnnxRuntimeOptions options;
  private final int symbols;
  private final int barsPerSymbol;

  InferenceBenchmark(
      ModelArtifact artifact, OnnxRuntimeOptions options, int symbols, int barsPerSymbol) {
    this.artifact = artifact;
    this.options = options;
    this.symbols = symbols;
    this.barsPerSymbol = barsPerSymbol;
  }

  Result run(int rounds) throws OrtException {
    Map<String, Object> serdeConfig = AvroSerdeConfig.specificRecords("mock://" + SCOPE);
    try (OnnxScorer scorer = OnnxScorer.load(artifact, options);
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
      Signal typicalSignal = typicalSignal(scorer, barSerde, warmUps, interleaved.getFirst());
      long[] bare1 = new long[rounds];
      long[] bare64 = new long[rounds];
      long[] bare1Cpu = new long[rounds];
      long[] bare64Cpu = new long[rounds];
      long[] inScorer = new long[rounds];
      long[] avro = new long[rounds];
      try (OrtSession session =
          options.open(OrtEnvironment.getEnvironment(), artifact.onnx()).session()) {
        bareNanos(session, windows, needed, 1);
        bareNanos(session, windows, needed, BATCH);
        scorerNanos(scorer, warmUps, interleaved, barSerde, signalSerde);
        avroNanos(interleaved, typicalSignal, barSerde, signalSerde);
        for (int r = 0; r < rounds; r++) {
          long cpuStart = THREADS.getCurrentThreadCpuTime();
          bare1[r] = bareNanos(session, windows, needed, 1);
          long cpuMiddle = THREADS.getCurrentThreadCpuTime();
          bare64[r] = bareNanos(session, windows, needed, BATCH);
          bare1Cpu[r] = cpuMiddle - cpuStart;
          bare64Cpu[r] = THREADS.getCurrentThreadCpuTime() - cpuMiddle;
          inScorer[r] = scorerNanos(scorer, warmUps, interleaved, barSerde, signalSerde);
          avro[r] = avroNanos(interleaved, typicalSignal, barSerde, signalSerde);
        }
      }
      int batched = windows.size() / BATCH * BATCH;
      return new Result(
          scorer.activeProvider(),
          new Throughput(windows.size(), median(bare1)),
          new Throughput(batched, median(bare64)),
          new Throughput(interleaved.size(), median(inScorer)),
          new Throughput(interleaved.size(), median(avro)),
          median(bare1Cpu) / 1e3 / windows.size(),
          median(bare64Cpu) / 1e3 / batched);
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

  /** A signal as the scorer writes it for a scored bar, so Avro alone encodes what it encodes. */
  private Signal typicalSignal(
      OnnxScorer scorer, Serde<Bar> barSerde, List<List<byte[]>> warmUps, byte[] firstTimed) {
    BarScoring scoring = newScoring(scorer, new ScorerMetrics(new SimpleMeterRegistry()));
    Map<String, byte[]> store = new HashMap<>();
    for (byte[] bytes : warmUps.getFirst()) {
      BenchModels.scoreOne(scoring, store, barSerde.deserializer().deserialize("bars", bytes));
    }
    Bar bar = barSerde.deserializer().deserialize("bars", firstTimed);
    List<Signal> signals = BenchModels.scoreOne(scoring, store, bar);
    if (signals.size() == 1 && signals.getFirst().getPredictedLogReturn() != null) {
      return signals.getFirst();
    }
    throw new IllegalStateException(
        "bar " + bar.getSymbol() + "@" + bar.getOpenTime() + " not scored: " + signals);
  }

  private BarScoring newScoring(OnnxScorer scorer, ScorerMetrics metrics) {
    List<String> names = new ArrayList<>();
    for (int s = 0; s < symbols; s++) {
      names.add("SYM" + s);
    }
    ModelSlot slot =
        new ModelSlot(BenchModels.serving(metrics.timed(scorer), artifact.sha256(), names));
    return new BarScoring(
        scorer.barsNeeded(), SyntheticBars.H4, "4h", slot, metrics, Clock.systemUTC(), 1);
  }

  private static long bareNanos(OrtSession session, List<float[]> windows, int needed, int batch)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    String input = session.getInputNames().iterator().next();
    int floatsPerWindow = needed * ModelInput.FIELDS;
    FloatBuffer buffer =
        ByteBuffer.allocateDirect(batch * floatsPerWindow * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    long[] shape = ModelInput.shape(batch, needed - 1);
    int calls = windows.size() / batch;
    double sink = 0;
    long start = System.nanoTime();
    for (int call = 0; call < calls; call++) {
      buffer.clear();
      for (int i = 0; i < batch; i++) {
        buffer.put(windows.get(call * batch + i));
      }
      buffer.flip();
      try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, shape);
          OrtSession.Result result = session.run(Map.of(input, tensor))) {
        FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
        for (int i = 0; i < batch; i++) {
          sink += out.get(i);
        }
      }
    }
    long elapsed = System.nanoTime() - start;
    if (Double.isNaN(sink)) {
      throw new IllegalStateException("bare inference at batch " + batch + " returned NaN");
    }
    return elapsed;
  }

  private long scorerNanos(
      OnnxScorer scorer,
      List<List<byte[]>> warmUps,
      List<byte[]> timed,
      Serde<Bar> barSerde,
      Serde<Signal> signalSerde) {
    BarScoring scoring = newScoring(scorer, new ScorerMetrics(new SimpleMeterRegistry()));
    Map<String, byte[]> store = new HashMap<>();
    for (List<byte[]> warm : warmUps) {
      for (byte[] bytes : warm) {
        Bar bar = barSerde.deserializer().deserialize("bars", bytes);
        BenchModels.scoreOne(scoring, store, bar);
      }
    }
    long bytesOut = 0;
    long start = System.nanoTime();
    for (byte[] bytes : timed) {
      Bar bar = barSerde.deserializer().deserialize("bars", bytes);
      for (Signal signal : BenchModels.scoreOne(scoring, store, bar)) {
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
    return elapsed;
  }

  private static long avroNanos(
      List<byte[]> timed, Signal signal, Serde<Bar> barSerde, Serde<Signal> signalSerde) {
    long bytesOut = 0;
    long start = System.nanoTime();
    for (byte[] bytes : timed) {
      Bar bar = barSerde.deserializer().deserialize("bars", bytes);
      signal.setReferenceClose(bar.getClose());
      bytesOut += signalSerde.serializer().serialize("signals", signal).length;
    }
    long elapsed = System.nanoTime() - start;
    if (bytesOut == 0) {
      throw new IllegalStateException("no signal was encoded");
    }
    return elapsed;
  }

  static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
