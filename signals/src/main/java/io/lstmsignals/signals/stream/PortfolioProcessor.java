package io.lstmsignals.signals.stream;

import io.lstmsignals.schemas.avro.PnlSnapshot;
import io.lstmsignals.signals.book.PortfolioBook;
import io.lstmsignals.signals.book.PortfolioCodec;
import io.lstmsignals.signals.book.PortfolioOutcome;
import io.lstmsignals.signals.book.PortfolioPoint;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds every symbol's P&amp;L snapshots (re-keyed to the portfolio's name on a one-partition
 * topic, so one task sees them all) into the {@link PortfolioBook} and forwards the portfolio's
 * snapshots (timestamp = the instant).
 */
final class PortfolioProcessor implements Processor<String, PnlSnapshot, String, PnlSnapshot> {
  private static final Logger log = LoggerFactory.getLogger(PortfolioProcessor.class);

  private final SignalsConfig config;
  private ProcessorContext<String, PnlSnapshot> context;
  private KeyValueStore<String, byte[]> store;

  PortfolioProcessor(SignalsConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, PnlSnapshot> context) {
    this.context = context;
    this.store = context.getStateStore(SignalsTopology.PORTFOLIO_STORE);
  }

  @Override
  public void process(Record<String, PnlSnapshot> record) {
    String name = config.portfolioName();
    byte[] saved = store.get(name);
    PortfolioBook book =
        saved == null
            ? new PortfolioBook(config.portfolioSymbols(), config.ledger().startingCapital())
            : PortfolioCodec.decode(saved, config.portfolioSymbols());
    PnlSnapshot snapshot = record.value();
    PortfolioOutcome outcome =
        book.onMemberBar(snapshot.getSymbol(), LedgerRecords.memberBar(snapshot));
    if (outcome.rejection().isPresent()) {
      log.debug(
          "Not in the portfolio symbol={} barTime={} reason={}",
          snapshot.getSymbol(),
          snapshot.getBarOpenTime(),
          outcome.rejection().get());
      return;
    }
    store.put(name, PortfolioCodec.encode(book));
    for (PortfolioPoint point : outcome.points()) {
      context.forward(
          new Record<>(name, LedgerRecords.portfolioSnapshot(name, point), point.barCloseTime()));
    }
  }
}
