package io.lstmsignals.bench.scorer;

import io.lstmsignals.scorer.window.BarWindow;
import io.lstmsignals.scorer.window.WindowBar;
import java.util.HashMap;
import java.util.Map;

/**
 * Fills full windows for many symbols, held as the store holds them (symbol → window bytes), and
 * reports the heap they take: the in-memory side of "state per symbol". RocksDB keeps the same
 * bytes off-heap in production.
 */
final class WindowMemory {
  record Result(
      int symbols,
      int capacity,
      int serializedBytes,
      long heapBytes,
      long heapUsedAfter,
      long heapMax) {
    double heapPerSymbol() {
      return (double) heapBytes / symbols;
    }
  }

  private WindowMemory() {}

  static Result measure(int symbols, int capacity) {
    Map<String, byte[]> store = new HashMap<>();
    int serialized = 0;
    long h4 = SyntheticBars.H4.toMillis();
    long start = SyntheticBars.START.toEpochMilli();
    for (int s = 0; s < symbols; s++) {
      BarWindow window = BarWindow.empty(capacity, SyntheticBars.H4);
      double close = 100 + s % 1000;
      for (int i = 0; i < capacity; i++) {
        double open = close;
        close = open * (1 + 0.001 * ((i * 31 + s) % 7 - 3));
        window.offer(
            new WindowBar(
                start + i * h4,
                open,
                Math.max(open, close) + 1,
                Math.min(open, close) - 1,
                close,
                1000 + i));
      }
      byte[] bytes = window.toBytes();
      serialized = bytes.length;
      store.put("SYM" + s + "USDT", bytes);
    }
    long held = usedAfterGc();
    if (store.size() != symbols) {
      throw new IllegalStateException("expected " + symbols + " windows, held " + store.size());
    }
    store.clear();
    long released = usedAfterGc();
    return new Result(
        symbols, capacity, serialized, held - released, held, Runtime.getRuntime().maxMemory());
  }

  private static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
