package io.lstmsignals.trainer.retrain;

import io.lstmsignals.trainer.data.BarSeries;
import io.lstmsignals.trainer.data.StudyDataset;
import io.lstmsignals.trainer.nn.Kernels;
import io.lstmsignals.trainer.retrain.RetrainPolicy.Window;
import io.lstmsignals.trainer.retrain.WalkForward.BarCall;
import io.lstmsignals.trainer.train.Trainer;
import io.lstmsignals.trainer.train.TrainingConfig;
import io.lstmsignals.trainer.train.TrainingListener;
import io.lstmsignals.trainer.train.TrainingResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Does periodic retraining beat frozen weights? Runs {@link WalkForward} — the retrainer's own
 * engine — once per arm and seed over one bar series, every arm deciding the same bars.
 *
 * <p><b>Arms.</b> {@code frozen}: one model trained at the first boundary and kept to the end (the
 * study's protocol, then no retraining); and, for every K in the grid, every window (rolling,
 * expanding) and gate (on, off): a challenger every K bars. Every arm's grid is anchored at the
 * first bar plus {@code windowBars} bars, so that every arm's first model is the same model (same
 * bars, same seed) and decides from the same bar: the arms differ by their retraining alone.
 *
 * <p><b>Shared trainings.</b> A challenger depends on its window's bars and the seed only (not on
 * the champion, not on K, not on the gate), and the trainer is deterministic; so within one seed
 * and window kind each distinct window is trained once and reused by every arm whose schedule
 * reaches it. The K's of the grid are multiples of the smallest, so their boundaries coincide.
 *
 * <p><b>Parallel, and the same whatever the thread count.</b> A task is one (seed, window kind)
 * with its own single-threaded trainer and cache; tasks run on {@code threads} workers and their
 * results are gathered by arm and seed, never in completion order.
 */
public final class WalkForwardStudy {

  /**
   * One way of retraining.
   *
   * @param everyBars K; 0 for the frozen arm
   */
  public record Arm(int everyBars, Window window, boolean gate) {

    /** The frozen arm: one model at the start, no retraining. */
    public static final Arm FROZEN = new Arm(0, Window.ROLLING, false);

    public boolean frozen() {
      return everyBars == 0;
    }

    /** E.g. {@code frozen}, {@code K=90 rolling gate}, {@code K=90 expanding no-gate}. */
    public String label() {
      return frozen()
          ? "frozen"
          : "K="
              + everyBars
              + " "
              + window.name().toLowerCase(Locale.ROOT)
              + (gate ? " gate" : " no-gate");
    }
  }

  /**
   * The grid.
   *
   * @param everyBars the K's; each a multiple of the smallest
   * @param seeds one run of every arm per seed
   */
  public record Grid(
      List<Integer> everyBars, List<Window> windows, List<Boolean> gates, List<Long> seeds) {

    public Grid {
      everyBars = List.copyOf(everyBars);
      windows = List.copyOf(windows);
      gates = List.copyOf(gates);
      seeds = List.copyOf(seeds);
      if (everyBars.isEmpty() || windows.isEmpty() || gates.isEmpty() || seeds.isEmpty()) {
        throw new IllegalArgumentException(
            "Walk-forward grid: K's, windows, gates and seeds must each hold at least one value");
      }
      int smallest = everyBars.stream().mapToInt(Integer::intValue).min().orElseThrow();
      for (int k : everyBars) {
        if (k < 1 || k % smallest != 0) {
          throw new IllegalArgumentException(
              "Walk-forward grid: K " + k + " must be >= 1 and a multiple of " + smallest);
        }
      }
    }

    /** The frozen arm, then every K × window × gate, in that order. */
    public List<Arm> arms() {
      List<Arm> arms = new ArrayList<>();
      arms.add(Arm.FROZEN);
      for (Window window : windows) {
        for (int k : everyBars) {
          for (boolean gate : gates) {
            arms.add(new Arm(k, window, gate));
          }
        }
      }
      return arms;
    }
  }

  /**
   * One arm's walk-forward with one seed.
   *
   * @param calls every bar's call from the evaluation start on
   * @param retrains challengers trained (decisions that were not FAILED)
   * @param promoted decisions that put a new version in force
   */
  public record ArmRun(
      Arm arm, long seed, List<BarCall> calls, int decisions, int retrains, int promoted) {}

  /**
   * Every arm's runs, in arm order and seed order.
   *
   * @param evaluationFrom open time of the first bar every arm decides with a model
   * @param trainings distinct trainings run (cache misses)
   * @param seconds wall-clock seconds of the whole study
   */
  public record Result(
      BarSeries bars,
      RetrainPolicy base,
      Grid grid,
      Instant evaluationFrom,
      Map<Arm, List<ArmRun>> runs,
      int trainings,
      double seconds) {}

  /** What a running study reports. */
  public interface Progress {
    /**
     * A decision was made.
     *
     * @param decision index of the decision in the arm's schedule, from 0
     * @param trainingsDone distinct trainings finished so far, over every task
     * @param trainingsTotal distinct trainings the study runs
     */
    void onDecision(
        Arm arm,
        long seed,
        int decision,
        int decisions,
        int trainingsDone,
        int trainingsTotal,
        double elapsedSeconds);
  }

  private WalkForwardStudy() {}

  /** The policy of one arm and seed: the base policy's training, window and line, the arm's K. */
  public static RetrainPolicy policy(RetrainPolicy base, BarSeries bars, Arm arm, long seed) {
    Instant anchor = bars.bar(0).openTime().plus(base.interval().multipliedBy(base.windowBars()));
    int every = arm.frozen() ? bars.size() + 1 : arm.everyBars();
    return new RetrainPolicy(
        base.line(),
        base.symbol(),
        base.interval(),
        every,
        anchor,
        arm.window(),
        base.windowBars(),
        base.lagBars(),
        base.criterion(),
        base.margin(),
        arm.gate(),
        base.training().withSeed(seed));
  }

  /**
   * Runs the grid.
   *
   * @param kernels makes each task's kernels
   * @param threads tasks run at once (each trains on one thread)
   */
  public static Result run(
      RetrainPolicy base,
      BarSeries bars,
      Grid grid,
      Supplier<Kernels> kernels,
      int threads,
      Progress progress) {
    long started = System.nanoTime();
    List<Arm> arms = grid.arms();
    Instant evaluationFrom =
        policy(base, bars, Arm.FROZEN, grid.seeds().getFirst())
            .effectiveFrom(
                policy(base, bars, Arm.FROZEN, grid.seeds().getFirst())
                    .firstBoundary(bars.bar(0).openTime()));
    record Task(long seed, Window window, List<Arm> arms) {}
    List<Task> tasks = new ArrayList<>();
    int total = 0;
    for (long seed : grid.seeds()) {
      for (Window window : grid.windows()) {
        List<Arm> taskArms = new ArrayList<>();
        if (window == grid.windows().getFirst()) {
          taskArms.add(Arm.FROZEN);
        }
        arms.stream().filter(a -> !a.frozen() && a.window() == window).forEach(taskArms::add);
        tasks.add(new Task(seed, window, taskArms));
        total += distinctWindows(base, bars, taskArms, seed);
      }
    }
    int trainingsTotal = total;
    AtomicInteger trainingsDone = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    Map<Task, Future<List<ArmRun>>> futures = new HashMap<>();
    try {
      for (Task task : tasks) {
        futures.put(
            task,
            pool.submit(
                () -> {
                  List<ArmRun> runs = new ArrayList<>();
                  try (SharedTrainings trainer =
                      new SharedTrainings(kernels.get(), trainingsDone::incrementAndGet)) {
                    for (Arm arm : task.arms()) {
                      RetrainPolicy policy = policy(base, bars, arm, task.seed());
                      WalkForward.Result result =
                          WalkForward.run(
                              policy,
                              bars,
                              trainer,
                              TrainingListener.none(),
                              (index, boundaries, decision) ->
                                  progress.onDecision(
                                      arm,
                                      task.seed(),
                                      index,
                                      boundaries,
                                      trainingsDone.get(),
                                      trainingsTotal,
                                      (System.nanoTime() - started) / 1e9));
                      runs.add(armRun(arm, task.seed(), result, evaluationFrom));
                    }
                  }
                  return runs;
                }));
      }
      Map<Arm, List<ArmRun>> byArm = new java.util.LinkedHashMap<>();
      arms.forEach(arm -> byArm.put(arm, new ArrayList<>()));
      for (long seed : grid.seeds()) {
        for (Task task : tasks) {
          if (task.seed() == seed) {
            for (ArmRun run : futures.get(task).get()) {
              byArm.get(run.arm()).add(run);
            }
          }
        }
      }
      byArm.replaceAll((arm, runs) -> List.copyOf(runs));
      return new Result(
          bars,
          base,
          grid,
          evaluationFrom,
          java.util.Collections.unmodifiableMap(byArm),
          trainingsDone.get(),
          (System.nanoTime() - started) / 1e9);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Walk-forward study interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Walk-forward study failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private static ArmRun armRun(
      Arm arm, long seed, WalkForward.Result result, Instant evaluationFrom) {
    List<BarCall> calls =
        result.bars().stream().filter(c -> !c.barOpen().isBefore(evaluationFrom)).toList();
    int retrains =
        (int)
            result.decisions().stream()
                .filter(d -> d.outcome() != RetrainDecision.Outcome.FAILED)
                .count();
    int promoted =
        (int)
            result.decisions().stream()
                .filter(d -> d.outcome() == RetrainDecision.Outcome.PROMOTED)
                .count();
    return new ArmRun(arm, seed, calls, result.decisions().size(), retrains, promoted);
  }

  /** The distinct training windows a task's arms reach (what its cache trains). */
  private static int distinctWindows(
      RetrainPolicy base, BarSeries bars, List<Arm> arms, long seed) {
    Set<String> windows = new LinkedHashSet<>();
    Instant first = bars.bar(0).openTime();
    for (Arm arm : arms) {
      RetrainPolicy policy = policy(base, bars, arm, seed);
      for (Instant boundary : WalkForward.boundaries(policy, bars)) {
        Instant start = policy.windowStart(boundary);
        windows.add((start.isBefore(first) ? first : start) + "/" + boundary);
      }
    }
    return windows.size();
  }

  /** Progress lines for a person: arm, seed, decision i of n, trainings done and an ETA. */
  public static Progress logging(Consumer<String> out) {
    return (arm, seed, decision, decisions, done, total, elapsed) -> {
      String eta =
          done == 0 || done >= total
              ? "-"
              : String.format(Locale.ROOT, "%.0fs", elapsed * (total - done) / done);
      out.accept(
          String.format(
              Locale.ROOT,
              "arm %-22s seed %d: retrain %d of %d; trainings %d/%d, elapsed %.0fs, ETA %s",
              arm.label(),
              seed,
              decision + 1,
              decisions,
              done,
              total,
              elapsed,
              eta));
    };
  }

  /**
   * A trainer that trains each distinct dataset and config once: a challenger's weights depend on
   * its window's rows and the config (seed included) alone, and training is deterministic, so a
   * second arm reaching the same window gets the very same weights without training again.
   */
  static final class SharedTrainings extends Trainer {
    private final Map<String, TrainingResult> trained = new HashMap<>();
    private final Runnable onTrained;

    SharedTrainings(Kernels kernels, Runnable onTrained) {
      super(kernels, 1);
      this.onTrained = Objects.requireNonNull(onTrained);
    }

    @Override
    public TrainingResult train(
        StudyDataset data, TrainingConfig config, TrainingListener listener) {
      String key =
          data.targetTime(0)
              + "/"
              + data.targetTime(data.rows() - 1)
              + "/"
              + data.rows()
              + "/"
              + data.trainingRows()
              + "/"
              + config;
      TrainingResult result = trained.get(key);
      if (result == null) {
        result = super.train(data, config, listener);
        trained.put(key, result);
        onTrained.run();
      }
      return result;
    }
  }
}
