package io.lstmsignals.ingest.source;

import io.lstmsignals.ingest.pipeline.InputRecord;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Merges several sources, each in time order, into one stream in time order ({@link
 * InputRecord#eventTime()}), so that a multi-symbol replay interleaves bars as they happened. Ties
 * go to the source listed first; records of one source keep their order. Lazy: holds one record per
 * source.
 */
public final class TimeOrderedMerge implements Iterator<InputRecord> {

  private record Head(InputRecord record, int source) {}

  private final List<? extends Iterator<InputRecord>> sources;
  private final PriorityQueue<Head> heads =
      new PriorityQueue<>(
          Comparator.comparing((Head h) -> h.record().eventTime()).thenComparingInt(Head::source));

  public TimeOrderedMerge(List<? extends Iterator<InputRecord>> sources) {
    this.sources = List.copyOf(sources);
    for (int i = 0; i < this.sources.size(); i++) {
      advance(i);
    }
  }

  private void advance(int source) {
    Iterator<InputRecord> it = sources.get(source);
    if (it.hasNext()) {
      heads.add(new Head(it.next(), source));
    }
  }

  @Override
  public boolean hasNext() {
    return !heads.isEmpty();
  }

  @Override
  public InputRecord next() {
    Head head = heads.poll();
    if (head == null) {
      throw new NoSuchElementException("All sources are exhausted");
    }
    advance(head.source());
    return head.record();
  }
}
