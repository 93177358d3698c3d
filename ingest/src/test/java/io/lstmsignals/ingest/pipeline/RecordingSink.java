package io.lstmsignals.ingest.pipeline;

import io.lstmsignals.ingest.bar.OhlcvBar;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what it is given, for assertions. */
public final class RecordingSink implements BarSink {
  public final List<OhlcvBar> published = new ArrayList<>();
  public final List<String> sources = new ArrayList<>();
  public final List<Rejection> rejected = new ArrayList<>();

  @Override
  public void publish(OhlcvBar bar, String source) {
    published.add(bar);
    sources.add(source);
  }

  @Override
  public void reject(Rejection rejection) {
    rejected.add(rejection);
  }
}
