package io.lstmsignals.scorer.window;

import io.lstmsignals.schemas.contract.ModelInput;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The last contiguous bars of one symbol, oldest first, in a fixed-capacity ring buffer of float32
 * OHLCV.
 *
 * <p>Contiguity: each bar must open exactly one interval after the previous one. A later bar that
 * skips slots (an exchange outage) restarts the window with that bar alone and marks it {@link
 * #restartedAfterGap()} until it holds {@link #capacity()} bars again; a repeat of the newest bar
 * is ignored; an older bar is rejected.
 *
 * <p>State-store form ({@link #toBytes()}): format byte, flags byte, bar count (u16), newest open
 * time (i64), then count × 5 float32 oldest first — {@value #HEADER_BYTES} + 20 × count bytes (992
 * bytes for 49 bars). Capacity and interval are configuration, not state, so a restart with a
 * smaller capacity keeps the newest bars.
 *
 * <p>Not thread-safe: one instance per symbol per processing step.
 */
public final class BarWindow {
  public static final int HEADER_BYTES = 12;
  public static final int MAX_CAPACITY = 65_535;
  private static final byte FORMAT = 1;
  private static final byte FLAG_RESTARTED_AFTER_GAP = 1;

  private final int capacity;
  private final long intervalMillis;
  private final float[] ring;
  private int oldestSlot;
  private int count;
  private long newestOpenTime;
  private boolean restartedAfterGap;

  private BarWindow(int capacity, Duration interval) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "BarWindow: capacity " + capacity + " must be between 1 and " + MAX_CAPACITY + " bars");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("BarWindow: interval " + interval + " must be positive");
    }
    this.capacity = capacity;
    this.intervalMillis = interval.toMillis();
    this.ring = new float[capacity * ModelInput.FIELDS];
  }

  /** An empty window keeping at most {@code capacity} bars of the given interval. */
  public static BarWindow empty(int capacity, Duration interval) {
    return new BarWindow(capacity, interval);
  }

  /**
   * Reads a window written by {@link #toBytes()}. When it holds more bars than {@code capacity},
   * the newest are kept.
   *
   * @throws IllegalArgumentException if the bytes are not a window in this format
   */
  public static BarWindow fromBytes(byte[] bytes, int capacity, Duration interval) {
    BarWindow window = new BarWindow(capacity, interval);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte format = in.get();
      if (format != FORMAT) {
        throw new IllegalArgumentException(
            "BarWindow bytes: format " + format + ", expected " + FORMAT);
      }
      byte flags = in.get();
      int stored = Short.toUnsignedInt(in.getShort());
      long newest = in.getLong();
      if (in.remaining() != stored * ModelInput.FIELDS * Float.BYTES) {
        throw new IllegalArgumentException(
            "BarWindow bytes: "
                + in.remaining()
                + " bytes of bars for a count of "
                + stored
                + ", expected "
                + stored * ModelInput.FIELDS * Float.BYTES);
      }
      int skip = Math.max(0, stored - capacity);
      in.position(in.position() + skip * ModelInput.FIELDS * Float.BYTES);
      window.count = stored - skip;
      for (int i = 0; i < window.count * ModelInput.FIELDS; i++) {
        window.ring[i] = in.getFloat();
      }
      window.newestOpenTime = newest;
      window.restartedAfterGap = (flags & FLAG_RESTARTED_AFTER_GAP) != 0 && window.count < capacity;
      return window;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException(
          "BarWindow bytes: truncated at " + bytes.length + " bytes", e);
    }
  }

  /** The compact state-store form; see the class comment. */
  public byte[] toBytes() {
    ByteBuffer out = ByteBuffer.allocate(serializedSize());
    out.put(FORMAT);
    out.put(restartedAfterGap ? FLAG_RESTARTED_AFTER_GAP : 0);
    out.putShort((short) count);
    out.putLong(newestOpenTime);
    for (int i = 0; i < count; i++) {
      int base = slot(i) * ModelInput.FIELDS;
      for (int f = 0; f < ModelInput.FIELDS; f++) {
        out.putFloat(ring[base + f]);
      }
    }
    return out.array();
  }

  /** Size in bytes of {@link #toBytes()}. */
  public int serializedSize() {
    return HEADER_BYTES + count * ModelInput.FIELDS * Float.BYTES;
  }

  /** Offers the next bar; see {@link Admission} for the outcomes. */
  public Admission offer(WindowBar bar) {
    long openTime = bar.openTimeMillis();
    Admission admission;
    if (count == 0) {
      admission = Admission.APPENDED;
    } else if (openTime == newestOpenTime) {
      return Admission.DUPLICATE;
    } else if (openTime < newestOpenTime) {
      return Admission.OUT_OF_ORDER;
    } else if (openTime - newestOpenTime == intervalMillis) {
      admission = Admission.APPENDED;
    } else {
      admission = Admission.RESTARTED_AFTER_GAP;
      count = 0;
      oldestSlot = 0;
      restartedAfterGap = true;
    }
    append(bar);
    return admission;
  }

  private void append(WindowBar bar) {
    int target;
    if (count < capacity) {
      target = slot(count);
      count++;
    } else {
      target = oldestSlot;
      oldestSlot = (oldestSlot + 1) % capacity;
    }
    ModelInput.put(ring, target, bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
    newestOpenTime = bar.openTimeMillis();
    if (count == capacity) {
      restartedAfterGap = false;
    }
  }

  /**
   * Copies the newest {@code bars} bars, oldest first, as {@code bars} × 5 floats (open, high, low,
   * close, volume) into {@code target} from index 0.
   *
   * @throws IllegalArgumentException if the window holds fewer bars or the target is too small
   */
  public void copyNewest(int bars, float[] target) {
    if (bars > count) {
      throw new IllegalArgumentException(
          "BarWindow: asked for " + bars + " bars, it holds " + count);
    }
    if (target.length < bars * ModelInput.FIELDS) {
      throw new IllegalArgumentException(
          "BarWindow: target holds "
              + target.length
              + " floats, "
              + bars * ModelInput.FIELDS
              + " needed");
    }
    for (int i = 0; i < bars; i++) {
      System.arraycopy(
          ring,
          slot(count - bars + i) * ModelInput.FIELDS,
          target,
          i * ModelInput.FIELDS,
          ModelInput.FIELDS);
    }
  }

  private int slot(int indexFromOldest) {
    return (oldestSlot + indexFromOldest) % capacity;
  }

  /** Number of contiguous bars held, at most {@link #capacity()}. */
  public int contiguousBars() {
    return count;
  }

  public int capacity() {
    return capacity;
  }

  /** Whether the window restarted after a gap and has not yet filled up again. */
  public boolean restartedAfterGap() {
    return restartedAfterGap;
  }

  /** Open time of the newest bar, epoch millis; meaningless when the window is empty. */
  public long newestOpenTime() {
    return newestOpenTime;
  }

  public boolean isEmpty() {
    return count == 0;
  }
}
