package io.lstmsignals.scorer.model;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The model state in force, swapped atomically between bars.
 *
 * <p>A processor takes a {@link Lease} per bar and reads the state once from it, so one bar is
 * scored by one model from start to end. {@link #swap} waits until every lease taken before it is
 * closed; after it returns, no bar uses the previous state any more and its caller may free it
 * (close the native session).
 */
public final class ModelSlot {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile ModelView state;

  public ModelSlot(ModelView initial) {
    this.state = initial;
  }

  /** Takes a lease on the current state; close it when the bar is done. */
  public Lease lease() {
    Lock read = lock.readLock();
    read.lock();
    return new Lease(state, read);
  }

  /** The current state, for metrics and logs; never for scoring (use {@link #lease()}). */
  public ModelView current() {
    return state;
  }

  /**
   * Puts {@code next} in force once no bar uses the current state.
   *
   * @return the state it replaced, now unused
   */
  public ModelView swap(ModelView next) {
    Lock write = lock.writeLock();
    write.lock();
    try {
      ModelView previous = state;
      state = next;
      return previous;
    } finally {
      write.unlock();
    }
  }

  /** The model state one bar is scored with. */
  public static final class Lease implements AutoCloseable {
    private final ModelView state;
    private final Lock held;

    private Lease(ModelView state, Lock held) {
      this.state = state;
      this.held = held;
    }

    public ModelView state() {
      return state;
    }

    @Override
    public void close() {
      held.unlock();
    }
  }
}
