package io.lstmsignals.scorer.window;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Everything the scorer keeps of one symbol: its window of decided bars ({@link BarWindow}) and the
 * bars that arrived but are not decided yet, oldest first — they wait there, in the changelogged
 * store, until the model that must decide them is in force. A bar joins the window only when it is
 * decided, so each bar is decided on exactly the bars before it.
 *
 * <p>State-store form ({@link #toBytes()}): format byte 2, the window's bytes (length-prefixed),
 * then the pending bars (count, then open time and OHLCV as doubles: 48 bytes each). Bytes in the
 * window's own format (1), written before bars could wait, read as a state with none pending.
 *
 * <p>Not thread-safe: one instance per symbol per processing step.
 */
public final class SymbolState {
  private static final byte FORMAT = 2;
  private static final int PENDING_BAR_BYTES = Long.BYTES + 5 * Double.BYTES;

  /** What {@link #offer} did with a bar. */
  public enum Arrival {
    /** The bar is after every bar known: it waits to be decided. */
    QUEUED,
    /** The bar repeats the newest bar known: ignored. */
    DUPLICATE,
    /** The bar opens before the newest bar known: rejected. */
    OUT_OF_ORDER
  }

  private final BarWindow window;
  private final Deque<WindowBar> pending;

  private SymbolState(BarWindow window, Deque<WindowBar> pending) {
    this.window = window;
    this.pending = pending;
  }

  public static SymbolState empty(int capacity, Duration interval) {
    return new SymbolState(BarWindow.empty(capacity, interval), new ArrayDeque<>());
  }

  /**
   * Reads a state written by {@link #toBytes()}, or a window written before bars could wait.
   *
   * @throws IllegalArgumentException if the bytes are neither
   */
  public static SymbolState fromBytes(byte[] bytes, int capacity, Duration interval) {
    if (bytes.length > 0 && bytes[0] != FORMAT) {
      return new SymbolState(BarWindow.fromBytes(bytes, capacity, interval), new ArrayDeque<>());
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      in.get();
      byte[] windowBytes = new byte[in.getInt()];
      in.get(windowBytes);
      int count = in.getInt();
      if (in.remaining() != count * PENDING_BAR_BYTES) {
        throw new IllegalArgumentException(
            "SymbolState bytes: "
                + in.remaining()
                + " bytes of pending bars for a count of "
                + count
                + ", expected "
                + count * PENDING_BAR_BYTES);
      }
      Deque<WindowBar> pending = new ArrayDeque<>(count);
      for (int i = 0; i < count; i++) {
        pending.addLast(
            new WindowBar(
                in.getLong(),
                in.getDouble(),
                in.getDouble(),
                in.getDouble(),
                in.getDouble(),
                in.getDouble()));
      }
      return new SymbolState(BarWindow.fromBytes(windowBytes, capacity, interval), pending);
    } catch (BufferUnderflowException | NegativeArraySizeException e) {
      throw new IllegalArgumentException(
          "SymbolState bytes: truncated at " + bytes.length + " bytes", e);
    }
  }

  /** The compact state-store form; see the class comment. */
  public byte[] toBytes() {
    byte[] windowBytes = window.toBytes();
    ByteBuffer out =
        ByteBuffer.allocate(
            1
                + Integer.BYTES
                + windowBytes.length
                + Integer.BYTES
                + pending.size() * PENDING_BAR_BYTES);
    out.put(FORMAT).putInt(windowBytes.length).put(windowBytes).putInt(pending.size());
    for (WindowBar bar : pending) {
      out.putLong(bar.openTimeMillis())
          .putDouble(bar.open())
          .putDouble(bar.high())
          .putDouble(bar.low())
          .putDouble(bar.close())
          .putDouble(bar.volume());
    }
    return out.array();
  }

  /** Offers a newly arrived bar; see {@link Arrival}. */
  public Arrival offer(WindowBar bar) {
    boolean anyKnown = !pending.isEmpty() || !window.isEmpty();
    if (anyKnown) {
      long newest = newestOpenTime();
      if (bar.openTimeMillis() == newest) {
        return Arrival.DUPLICATE;
      }
      if (bar.openTimeMillis() < newest) {
        return Arrival.OUT_OF_ORDER;
      }
    }
    pending.addLast(bar);
    return Arrival.QUEUED;
  }

  /** The oldest bar not decided yet. */
  public Optional<WindowBar> head() {
    return Optional.ofNullable(pending.peekFirst());
  }

  /**
   * Moves the oldest undecided bar into the window: it is being decided now, on the bars before it.
   *
   * @throws IllegalStateException if no bar waits
   */
  public Admission admitHead() {
    WindowBar head = pending.pollFirst();
    if (head == null) {
      throw new IllegalStateException("SymbolState: no bar waits to be decided");
    }
    return window.offer(head);
  }

  public BarWindow window() {
    return window;
  }

  /** Bars that arrived and are not decided yet. */
  public int pendingCount() {
    return pending.size();
  }

  /** Open time of the newest bar known, decided or not; meaningless when none is. */
  public long newestOpenTime() {
    return pending.isEmpty() ? window.newestOpenTime() : pending.peekLast().openTimeMillis();
  }
}
