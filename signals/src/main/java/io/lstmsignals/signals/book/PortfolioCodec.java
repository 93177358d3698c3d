package io.lstmsignals.signals.book;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Binary form of a {@link PortfolioBook} for a state store; first byte = format version (1).
 * Members listed in the configuration but absent from the saved book join it fresh on {@link
 * #decode}; saved members no longer listed are kept, so that the running sums stay consistent.
 */
public final class PortfolioCodec {

  static final byte VERSION = 1;

  private PortfolioCodec() {}

  public static byte[] encode(PortfolioBook book) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeDouble(book.memberCapital());
      out.writeLong(book.watermarkMillis());
      out.writeDouble(book.equity());
      out.writeDouble(book.benchmark());
      out.writeDouble(book.peak());
      out.writeDouble(book.maxDrawdown());
      out.writeLong(book.steps());
      out.writeLong(book.stepsLong());
      out.writeInt(book.members().size());
      for (Map.Entry<String, PortfolioBook.Member> entry : book.members().entrySet()) {
        PortfolioBook.Member m = entry.getValue();
        out.writeUTF(entry.getKey());
        out.writeDouble(m.equity);
        out.writeDouble(m.benchmark);
        out.writeDouble(m.position);
        out.writeLong(m.trades);
        out.writeLong(m.lastClose);
        out.writeInt(m.ahead.size());
        for (MemberBar bar : m.ahead) {
          out.writeLong(bar.barOpenTime());
          out.writeLong(bar.barCloseTime());
          out.writeDouble(bar.position());
          out.writeDouble(bar.barReturn());
          out.writeDouble(bar.costs());
          out.writeDouble(bar.equity());
          out.writeLong(bar.trades());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("PortfolioBook: could not encode", e);
    }
    return bytes.toByteArray();
  }

  /**
   * @param symbols the configured members; new ones join with the saved member capital
   * @throws IllegalArgumentException when the bytes are not a portfolio of a known version
   */
  public static PortfolioBook decode(byte[] data, Collection<String> symbols) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "PortfolioBook state: format version "
                + version
                + " is unknown; this "
                + "build reads version "
                + VERSION);
      }
      double memberCapital = in.readDouble();
      long watermark = in.readLong();
      double equity = in.readDouble();
      double benchmark = in.readDouble();
      double peak = in.readDouble();
      double maxDrawdown = in.readDouble();
      long steps = in.readLong();
      long stepsLong = in.readLong();
      SortedMap<String, PortfolioBook.Member> members = new TreeMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        String symbol = in.readUTF();
        double memberEquity = in.readDouble();
        double memberBenchmark = in.readDouble();
        double position = in.readDouble();
        long trades = in.readLong();
        long lastClose = in.readLong();
        Deque<MemberBar> ahead = new ArrayDeque<>();
        for (int j = in.readInt(); j > 0; j--) {
          ahead.addLast(
              new MemberBar(
                  in.readLong(),
                  in.readLong(),
                  in.readDouble(),
                  in.readDouble(),
                  in.readDouble(),
                  in.readDouble(),
                  in.readLong()));
        }
        members.put(
            symbol,
            new PortfolioBook.Member(
                memberEquity, memberBenchmark, position, trades, lastClose, ahead));
      }
      for (String symbol : symbols) {
        if (!members.containsKey(symbol)) {
          members.put(
              symbol,
              new PortfolioBook.Member(
                  memberCapital, memberCapital, 0, 0, Long.MIN_VALUE, new ArrayDeque<>()));
          equity += memberCapital;
          benchmark += memberCapital;
          peak += memberCapital;
        }
      }
      return new PortfolioBook(
          memberCapital,
          members,
          watermark,
          equity,
          benchmark,
          peak,
          maxDrawdown,
          steps,
          stepsLong);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "PortfolioBook state: truncated or corrupt (" + data.length + " bytes)", e);
    }
  }
}
