package io.lstmsignals.trainer.train;

import io.lstmsignals.trainer.data.RowRange;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.nn.Adam;
import io.lstmsignals.trainer.nn.GateMajorWeights;
import io.lstmsignals.trainer.nn.GradientClipping;
import io.lstmsignals.trainer.nn.Kernels;
import io.lstmsignals.trainer.nn.LstmNetwork;
import io.lstmsignals.trainer.nn.NetworkShape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains the study's LSTM: MSE on the scaled target, Adam, shuffled mini-batches, early stopping on
 * validation loss, optional gradient-norm clipping.
 *
 * <p>Data-parallel: each batch is cut into {@link TrainingConfig#shards()} fixed parts whose
 * gradients are computed on up to {@code threads} threads and then summed in part order, and each
 * sample's dropout comes from its own random stream; so a seed gives bit-identical weights for any
 * thread count.
 *
 * <p>Owns a thread pool while a run is in progress; {@link #close()} releases it.
 */
public class Trainer implements AutoCloseable {

  private final Kernels kernels;
  private final int threads;
  private final ExecutorService pool;

  /**
   * @param threads worker threads for the gradient shards (1 runs everything on the caller's
   *     thread)
   */
  public Trainer(Kernels kernels, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("Trainer: threads " + threads + " must be >= 1");
    }
    this.kernels = kernels;
    this.threads = threads;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, daemonThreads());
  }

  public Kernels kernels() {
    return kernels;
  }

  public int threads() {
    return threads;
  }

  /**
   * Trains one network on the dataset's training rows, validating on its validation rows after
   * every epoch.
   *
   * @throws IllegalArgumentException if the config's window differs from the dataset's
   * @throws IllegalStateException if the loss stops being finite
   */
  public TrainingResult train(StudyDataset data, TrainingConfig config, TrainingListener listener) {
    if (config.windowBars() != data.windowBars()) {
      throw new IllegalArgumentException(
          "Trainer: config windowBars "
              + config.windowBars()
              + " differs from the dataset's "
              + data.windowBars());
    }
    NetworkShape shape =
        new NetworkShape(data.features().size(), config.hiddenSize(), config.layers());
    RandomStreams random = new RandomStreams(config.seed());
    LstmNetwork network = LstmNetwork.initialized(shape, random.initialisation());
    Adam adam = new Adam(network, config.learningRate());
    BatchSchedule schedule = new BatchSchedule(data.trainingRows(), config.batchSize(), random);
    EarlyStopping stopping = new EarlyStopping(config.patience());
    List<GradientShard> shards = new ArrayList<>();
    for (int s = 0; s < config.shards(); s++) {
      shards.add(new GradientShard(kernels, shape, config.windowBars()));
    }
    LstmNetwork batchGradient = LstmNetwork.zeros(shape);
    GateMajorWeights gateMajor = GateMajorWeights.of(network);
    LstmNetwork best = config.keptWeights() == KeptWeights.BEST ? network.copy() : null;
    List<EpochReport> history = new ArrayList<>();
    boolean stoppedEarly = false;
    for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
      long started = System.nanoTime();
      double squaredErrors = 0.0;
      int samples = 0;
      for (int[] batch : schedule.batches(epoch)) {
        squaredErrors +=
            trainBatch(
                data, config, network, gateMajor, batch, epoch, shards, batchGradient, random);
        samples += batch.length;
        config.clipNorm().ifPresent(maxNorm -> GradientClipping.clipToNorm(batchGradient, maxNorm));
        adam.step(network, batchGradient);
        gateMajor.refresh(network);
      }
      double trainLoss = squaredErrors / samples;
      double validationLoss = meanSquaredError(data, network, data.validationRows(), shards);
      if (!Double.isFinite(trainLoss) || !Double.isFinite(validationLoss)) {
        throw new IllegalStateException(
            "Training diverged in epoch "
                + epoch
                + ": train loss "
                + trainLoss
                + ", validation loss "
                + validationLoss
                + "; lower the learning rate or set a clip norm");
      }
      boolean improved = stopping.record(epoch, validationLoss);
      if (improved && best != null) {
        best.copyFrom(network);
      }
      EpochReport report =
          new EpochReport(
              epoch, trainLoss, validationLoss, (System.nanoTime() - started) / 1e9, improved);
      history.add(report);
      listener.onEpoch(report);
      if (stopping.shouldStop() && epoch < config.maxEpochs()) {
        stoppedEarly = true;
        break;
      }
    }
    int keptEpoch = best != null ? stopping.bestEpoch() : history.size();
    return new TrainingResult(
        config, best != null ? best : network, history, keptEpoch, stoppedEarly);
  }

  /**
   * The network's scaled outputs for the windows that predict {@code rows} (no dropout), in row
   * order.
   */
  public double[] predictScaled(StudyDataset data, LstmNetwork network, RowRange rows) {
    List<GradientShard> shards = new ArrayList<>();
    for (int s = 0; s < threads; s++) {
      shards.add(new GradientShard(kernels, network.shape(), data.windowBars()));
    }
    return predictScaled(data, network, rows, shards);
  }

  private double trainBatch(
      StudyDataset data,
      TrainingConfig config,
      LstmNetwork network,
      GateMajorWeights gateMajor,
      int[] batch,
      int epoch,
      List<GradientShard> shards,
      LstmNetwork batchGradient,
      RandomStreams random) {
    double weight = 1.0 / batch.length;
    List<Callable<Double>> tasks = new ArrayList<>();
    for (int s = 0; s < shards.size(); s++) {
      GradientShard shard = shards.get(s);
      int from = s * batch.length / shards.size();
      int to = (s + 1) * batch.length / shards.size();
      tasks.add(
          () ->
              shard.accumulate(
                  data,
                  network,
                  gateMajor,
                  batch,
                  from,
                  to,
                  weight,
                  config.dropout(),
                  epoch,
                  random));
    }
    List<Double> squaredErrors = run(tasks);
    batchGradient.copyFrom(shards.get(0).gradient());
    for (int s = 1; s < shards.size(); s++) {
      batchGradient.add(shards.get(s).gradient());
    }
    double sum = 0.0;
    for (double squaredError : squaredErrors) {
      sum += squaredError;
    }
    return sum;
  }

  private double meanSquaredError(
      StudyDataset data, LstmNetwork network, RowRange rows, List<GradientShard> shards) {
    double[] predictions = predictScaled(data, network, rows, shards);
    double sum = 0.0;
    for (int i = 0; i < predictions.length; i++) {
      double error = predictions[i] - data.scaledTarget(rows.row(i));
      sum += error * error;
    }
    return sum / predictions.length;
  }

  private double[] predictScaled(
      StudyDataset data, LstmNetwork network, RowRange rows, List<GradientShard> shards) {
    double[] predictions = new double[rows.size()];
    List<Callable<Double>> tasks = new ArrayList<>();
    for (int s = 0; s < shards.size(); s++) {
      GradientShard shard = shards.get(s);
      int from = s * rows.size() / shards.size();
      int to = (s + 1) * rows.size() / shards.size();
      tasks.add(
          () -> {
            shard.predict(data, network, rows, from, to, predictions);
            return 0.0;
          });
    }
    run(tasks);
    return predictions;
  }

  private List<Double> run(List<Callable<Double>> tasks) {
    List<Double> results = new ArrayList<>(tasks.size());
    try {
      if (pool == null) {
        for (Callable<Double> task : tasks) {
          results.add(task.call());
        }
        return results;
      }
      for (Future<Double> future : pool.invokeAll(tasks)) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Trainer: interrupted while computing gradients", e);
    } catch (ExecutionException e) {
      throw propagate(e.getCause());
    } catch (Exception e) {
      throw propagate(e);
    }
  }

  private static RuntimeException propagate(Throwable failure) {
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(
        "Trainer: gradient shard failed: " + failure.getMessage(), failure);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "trainer-shard-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
