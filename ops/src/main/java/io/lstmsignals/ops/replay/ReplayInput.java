package io.lstmsignals.ops.replay;

import io.lstmsignals.schemas.contract.BarCsv;
import io.lstmsignals.schemas.contract.BarFileName;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bars a replay reads: its files, or — with a range — copies of them holding only the rows
 * whose open time is in [from, to), kept in the run directory so that what was replayed stays on
 * record. Rows that do not parse are kept (ingest dead-letters them with their reason, as it would
 * in the whole file).
 */
final class ReplayInput {

  private ReplayInput() {}

  /**
   * @param from first open time replayed; null = from the first row
   * @param to open time replaying stops before; null = to the last row
   * @param dir where the copies go
   * @throws IllegalArgumentException naming a file with no row in the range
   */
  static List<Path> slice(List<Path> files, Instant from, Instant to, Path dir) throws IOException {
    if (from == null && to == null) {
      return files;
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
    }
    Files.createDirectories(dir);
    List<Path> sliced = new ArrayList<>();
    for (Path file : files) {
      BarFileName.of(file);
      Path copy = dir.resolve(file.getFileName());
      if (sliced.contains(copy)) {
        throw new IllegalArgumentException(
            file + ": two input files share the name " + file.getFileName());
      }
      long kept = 0;
      try (BarCsv.Reader reader = BarCsv.open(file);
          BufferedWriter out = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
        out.write(BarCsv.HEADER);
        out.newLine();
        while (reader.hasNext()) {
          BarCsv.Line line = reader.next();
          if (line instanceof BarCsv.Row row) {
            if ((from != null && row.openTime().isBefore(from))
                || (to != null && !row.openTime().isBefore(to))) {
              continue;
            }
            kept++;
          }
          out.write(line.text());
          out.newLine();
        }
      }
      if (kept == 0) {
        throw new IllegalArgumentException(
            file + ": no bar opens in [" + from + ", " + to + ") — nothing to replay");
      }
      sliced.add(copy);
    }
    return sliced;
  }
}
