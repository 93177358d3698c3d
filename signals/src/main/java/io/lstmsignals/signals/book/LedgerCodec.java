package io.lstmsignals.signals.book;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Binary form of a {@link PaperLedger}, for a state store. The first byte is the format version, so
 * a newer processor can still read books an older one saved; {@link #decode} rejects versions it
 * does not know. Version 1: startingCapital, anchor bar (flag + 2 longs + 2 doubles), position,
 * equity, peak, maxDrawdown, barsRealized, barsLong, trades, pending bars (count + bars), pending
 * signals (count + barOpenTime, position, optional UTF modelVersion). About 100 bytes for a book
 * with nothing pending.
 */
public final class LedgerCodec {

  static final byte VERSION = 1;

  private LedgerCodec() {}

  public static byte[] encode(PaperLedger ledger) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeDouble(ledger.startingCapital());
      PriceBar anchor = ledger.anchor();
      out.writeBoolean(anchor != null);
      if (anchor != null) {
        writeBar(out, anchor);
      }
      out.writeDouble(ledger.position());
      out.writeDouble(ledger.equity());
      out.writeDouble(ledger.peak());
      out.writeDouble(ledger.maxDrawdown());
      out.writeLong(ledger.barsRealized());
      out.writeLong(ledger.barsLong());
      out.writeLong(ledger.trades());
      out.writeInt(ledger.pendingBars().size());
      for (PriceBar bar : ledger.pendingBars().values()) {
        writeBar(out, bar);
      }
      out.writeInt(ledger.pendingSignals().size());
      for (Map.Entry<Long, PositionDecision> entry : ledger.pendingSignals().entrySet()) {
        PositionDecision decision = entry.getValue();
        out.writeLong(decision.barOpenTime());
        out.writeDouble(decision.position());
        out.writeBoolean(decision.modelVersion() != null);
        if (decision.modelVersion() != null) {
          out.writeUTF(decision.modelVersion());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("PaperLedger: could not encode", e);
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IllegalArgumentException when the bytes are not a book of a known version
   */
  public static PaperLedger decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "PaperLedger state: format version "
                + version
                + " is unknown; this "
                + "build reads version "
                + VERSION);
      }
      double startingCapital = in.readDouble();
      PriceBar anchor = in.readBoolean() ? readBar(in) : null;
      double position = in.readDouble();
      double equity = in.readDouble();
      double peak = in.readDouble();
      double maxDrawdown = in.readDouble();
      long barsRealized = in.readLong();
      long barsLong = in.readLong();
      long trades = in.readLong();
      NavigableMap<Long, PriceBar> bars = new TreeMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        PriceBar bar = readBar(in);
        bars.put(bar.openTime(), bar);
      }
      NavigableMap<Long, PositionDecision> signals = new TreeMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        long barOpenTime = in.readLong();
        double decided = in.readDouble();
        String modelVersion = in.readBoolean() ? in.readUTF() : null;
        signals.put(barOpenTime, new PositionDecision(barOpenTime, decided, modelVersion));
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException(
            "PaperLedger state: " + in.available() + " trailing bytes");
      }
      return new PaperLedger(
          startingCapital,
          anchor,
          position,
          equity,
          peak,
          maxDrawdown,
          barsRealized,
          barsLong,
          trades,
          bars,
          signals);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "PaperLedger state: truncated or corrupt (" + data.length + " bytes)", e);
    }
  }

  private static void writeBar(DataOutputStream out, PriceBar bar) throws IOException {
    out.writeLong(bar.openTime());
    out.writeLong(bar.closeTime());
    out.writeDouble(bar.open());
    out.writeDouble(bar.close());
  }

  private static PriceBar readBar(DataInputStream in) throws IOException {
    return new PriceBar(in.readLong(), in.readLong(), in.readDouble(), in.readDouble());
  }
}
