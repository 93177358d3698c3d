package io.lstmsignals.schemas.contract.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The model lines as their releases and promotions describe them, and the one rule that decides
 * which version scores a bar — the rule the scorer applies live and the offline walk-forward
 * applies to a file, so the two cannot disagree.
 *
 * <p><b>Routing.</b> A symbol belongs to the line whose releases list it (the first line to claim
 * it, in release order, when two do), or that opted it in through a promotion.
 *
 * <p><b>In force.</b> For a bar opening at t, the line's promotions are read newest first; the
 * first one that applies to t ({@link Promotion#appliesTo}) decides: if t is at or after its {@code
 * validUntil}, the bar waits for the line's next decision; else RETIRE retires the line, and the
 * others serve their version. Promotions naming a refused version (bytes that do not hash to it, a
 * model the scorer cannot load) are skipped, so a refused version is never in force and the one
 * before it keeps serving. A promotion whose release has not been read yet makes the bar wait. When
 * no promotion applies but some apply later, the bar precedes the line's first version.
 *
 * <p>Immutable: every {@code with...} returns a new value.
 */
public final class ModelLines {

  /** What decides a bar. */
  public sealed interface Resolution {}

  /**
   * Serve the bar with {@code release}.
   *
   * @param optIn whether the symbol is served by an opt-in rather than by training
   * @param maxAgeBars the line's expiry at this promotion
   */
  public record Serve(String line, Release release, boolean optIn, OptionalInt maxAgeBars)
      implements Resolution {

    /**
     * Whether the model is too old for a bar closing at {@code barCloseTime}: more than {@code
     * maxAgeBars} bars after the one its training ended with.
     */
    public boolean expiredAt(Instant barCloseTime, Duration interval) {
      if (maxAgeBars.isEmpty() || release.trainedTo() == null) {
        return false;
      }
      return ageInBars(release.trainedTo(), barCloseTime, interval) > maxAgeBars.getAsInt();
    }
  }

  /** Nothing may decide the bar yet: it waits, and {@code waitingFor} says for what. */
  public record Wait(String waitingFor) implements Resolution {}

  /** No line serves the symbol (now, or at the bar's time); {@code detail} says why. */
  public record NoLine(String detail) implements Resolution {}

  /** The bar precedes the first version its line put in force, which applies from {@code from}. */
  public record BeforeFirst(String line, Instant from) implements Resolution {}

  private final Map<String, List<Release>> releases;
  private final Map<String, List<Promotion>> promotions;
  private final Map<String, String> refused;
  private final Map<String, String> trainedSymbols;
  // Indexes kept as releases and promotions are read, so that a bar's routing is a few lookups and
  // not a scan of every release, promotion and opt-in list.
  private final Map<String, Release> releaseByKey;
  private final Map<String, String> scheduledSymbols;
  private final Map<String, String> optInSymbols;

  private ModelLines(
      Map<String, List<Release>> releases,
      Map<String, List<Promotion>> promotions,
      Map<String, String> refused,
      Map<String, String> trainedSymbols,
      Map<String, Release> releaseByKey,
      Map<String, String> scheduledSymbols,
      Map<String, String> optInSymbols) {
    this.releases = releases;
    this.promotions = promotions;
    this.refused = refused;
    this.trainedSymbols = trainedSymbols;
    this.releaseByKey = releaseByKey;
    this.scheduledSymbols = scheduledSymbols;
    this.optInSymbols = optInSymbols;
  }

  public static ModelLines empty() {
    return new ModelLines(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
  }

  /**
   * With a release read from the models topic; a re-publish of a line's version replaces the
   * earlier record (as compaction would).
   */
  public ModelLines withRelease(Release release) {
    Map<String, List<Release>> next = copy(releases);
    List<Release> line = new ArrayList<>(next.getOrDefault(release.line(), List.of()));
    line.removeIf(r -> r.version().equals(release.version()));
    line.add(release);
    next.put(release.line(), List.copyOf(line));
    Map<String, String> symbols = new LinkedHashMap<>(trainedSymbols);
    release.symbols().forEach(symbol -> symbols.putIfAbsent(symbol, release.line()));
    Map<String, Release> byKey = new HashMap<>(releaseByKey);
    byKey.put(ModelVersions.releaseKey(release.line(), release.version()), release);
    return new ModelLines(
        Collections.unmodifiableMap(next),
        promotions,
        refused,
        Collections.unmodifiableMap(symbols),
        Collections.unmodifiableMap(byKey),
        scheduledSymbols,
        optInSymbols);
  }

  /** With a promotion read from the promotions topic, newest last. */
  public ModelLines withPromotion(Promotion promotion) {
    Map<String, List<Promotion>> next = copy(promotions);
    List<Promotion> line = new ArrayList<>(next.getOrDefault(promotion.line(), List.of()));
    line.add(promotion);
    next.put(promotion.line(), List.copyOf(line));
    List<String> lineOrder = List.copyOf(next.keySet());
    return new ModelLines(
        releases,
        Collections.unmodifiableMap(next),
        refused,
        trainedSymbols,
        releaseByKey,
        claim(scheduledSymbols, promotion.symbols(), promotion.line(), lineOrder),
        claim(optInSymbols, promotion.optInSymbols(), promotion.line(), lineOrder));
  }

  /**
   * {@code index} with {@code symbols} claimed by {@code line}: a symbol belongs to the first line,
   * in the order lines were first promoted, that names it in any of its promotions.
   */
  private static Map<String, String> claim(
      Map<String, String> index, List<String> symbols, String line, List<String> lineOrder) {
    if (symbols.isEmpty()) {
      return index;
    }
    Map<String, String> next = new HashMap<>(index);
    for (String symbol : symbols) {
      next.merge(
          symbol,
          line,
          (held, claiming) ->
              lineOrder.indexOf(claiming) < lineOrder.indexOf(held) ? claiming : held);
    }
    return Collections.unmodifiableMap(next);
  }

  /** With a version refused (it can never be in force); {@code reason} says why. */
  public ModelLines refusing(String line, String version, String reason) {
    Map<String, String> next = new LinkedHashMap<>(refused);
    next.put(ModelVersions.releaseKey(line, version), reason);
    return new ModelLines(
        releases,
        promotions,
        Collections.unmodifiableMap(next),
        trainedSymbols,
        releaseByKey,
        scheduledSymbols,
        optInSymbols);
  }

  private static <T> Map<String, List<T>> copy(Map<String, List<T>> map) {
    return new LinkedHashMap<>(map);
  }

  /**
   * The line a symbol is routed to: by training (a release, or a schedule declaring it), else by a
   * promotion's opt-in.
   */
  public Optional<String> lineOf(String symbol) {
    String trained = trainedSymbols.get(symbol);
    if (trained != null) {
      return Optional.of(trained);
    }
    String scheduled = scheduledSymbols.get(symbol);
    return Optional.ofNullable(scheduled != null ? scheduled : optInSymbols.get(symbol));
  }

  /** Whether a retrainer's schedule decides the line. */
  public boolean isScheduled(String line) {
    return promotions.getOrDefault(line, List.of()).stream()
        .anyMatch(p -> p.action() == Promotion.Action.SCHEDULE);
  }

  /** Decides which version (if any) scores the bar of {@code symbol} opening at {@code barOpen}. */
  public Resolution resolve(String symbol, Instant barOpen) {
    Optional<String> routed = lineOf(symbol);
    if (routed.isEmpty()) {
      return new NoLine("no model line serves " + symbol);
    }
    String line = routed.get();
    Optional<Promotion> deciding = deciding(line, barOpen);
    if (deciding.isPresent()) {
      return decide(symbol, line, deciding.get(), barOpen);
    }
    List<Promotion> history = promotions.getOrDefault(line, List.of());
    Optional<Instant> firstLater =
        history.stream()
            .filter(p -> !(p.action().servesAVersion() && isRefused(line, p.version())))
            .map(Promotion::effectiveFrom)
            .filter(from -> from != null && from.isAfter(barOpen))
            .min(Instant::compareTo);
    if (firstLater.isPresent()) {
      return new BeforeFirst(line, firstLater.get());
    }
    if (history.stream().allMatch(p -> p.action() == Promotion.Action.SCHEDULE)) {
      return new Wait("line " + line + "'s first scheduled decision (a retrainer's)");
    }
    return new Wait(
        history.stream().noneMatch(p -> p.action().servesAVersion())
            ? "line " + line + " to have a version in force"
            : "line " + line + " has no usable version: every one promoted was refused");
  }

  /**
   * The promotion that decides a line's bar opening at {@code barOpen}: the newest that applies to
   * it and does not name a refused version (a schedule declaration decides nothing).
   */
  public Optional<Promotion> deciding(String line, Instant barOpen) {
    List<Promotion> history = promotions.getOrDefault(line, List.of());
    for (int i = history.size() - 1; i >= 0; i--) {
      Promotion promotion = history.get(i);
      boolean refusedVersion =
          promotion.action().servesAVersion() && isRefused(line, promotion.version());
      boolean declaration = promotion.action() == Promotion.Action.SCHEDULE;
      if (!refusedVersion && !declaration && promotion.appliesTo(barOpen)) {
        return Optional.of(promotion);
      }
    }
    return Optional.empty();
  }

  private Resolution decide(String symbol, String line, Promotion promotion, Instant barOpen) {
    if (promotion.validUntil() != null && !barOpen.isBefore(promotion.validUntil())) {
      return new Wait(
          "line " + line + "'s decision for bars from " + promotion.validUntil() + " (a retrain)");
    }
    if (promotion.action() == Promotion.Action.RETIRE) {
      return new NoLine(
          "line " + line + " serving " + symbol + " was retired: " + promotion.reason());
    }
    Optional<Release> release = release(line, promotion.version());
    if (release.isEmpty()) {
      return new Wait("release " + line + "@" + promotion.version() + " on the models topic");
    }
    if (!release.get().sha256().equals(promotion.sha256())) {
      return new Wait(
          "release "
              + line
              + "@"
              + promotion.version()
              + " whose bytes hash to the promotion's sha256 "
              + promotion.sha256());
    }
    boolean trained = release.get().symbols().contains(symbol);
    boolean optIn = promotion.optInSymbols().contains(symbol);
    if (!trained && !optIn) {
      return new NoLine(
          "line " + line + "'s version " + promotion.version() + " does not serve " + symbol);
    }
    return new Serve(line, release.get(), !trained, promotion.maxAgeBars());
  }

  /** The release of a line's version, if read. */
  public Optional<Release> release(String line, String version) {
    return Optional.ofNullable(releaseByKey.get(ModelVersions.releaseKey(line, version)));
  }

  /**
   * The release already read under {@code release}'s line and version with other bytes, if any:
   * releases are immutable, so the first one stands and the newcomer is refused.
   */
  public Optional<Release> conflictWith(Release release) {
    return release(release.line(), release.version())
        .filter(existing -> !existing.sha256().equals(release.sha256()));
  }

  /** Whether a version was refused. */
  public boolean isRefused(String line, String version) {
    return refused.containsKey(ModelVersions.releaseKey(line, version));
  }

  /** Why a version was refused, if it was. */
  public Optional<String> refusal(String line, String version) {
    return Optional.ofNullable(refused.get(ModelVersions.releaseKey(line, version)));
  }

  /** Every line named by a release or a promotion, sorted. */
  public Set<String> lines() {
    Set<String> names = new TreeSet<>(releases.keySet());
    names.addAll(promotions.keySet());
    return Collections.unmodifiableSet(names);
  }

  /** A line's releases, in the order they were read. */
  public List<Release> releases(String line) {
    return releases.getOrDefault(line, List.of());
  }

  /** A line's promotions, oldest first. */
  public List<Promotion> promotions(String line) {
    return promotions.getOrDefault(line, List.of());
  }

  /**
   * The versions that some promotion puts in force and that are not refused: those a scorer must be
   * able to load.
   */
  public List<Release> promotedReleases() {
    List<Release> promoted = new ArrayList<>();
    promotions.forEach(
        (line, history) ->
            history.stream()
                .filter(p -> p.action().servesAVersion() && !isRefused(line, p.version()))
                .map(p -> release(line, p.version()))
                .flatMap(Optional::stream)
                .filter(r -> !promoted.contains(r))
                .forEach(promoted::add));
    return promoted;
  }

  /**
   * How many bars after the model's last training bar a bar closing at {@code barCloseTime} is: 1
   * for the first bar after it.
   */
  public static long ageInBars(Instant trainedTo, Instant barCloseTime, Duration interval) {
    Instant trainingEnd = trainedTo.plus(interval);
    return Duration.between(trainingEnd, barCloseTime).toMillis() / interval.toMillis();
  }
}
