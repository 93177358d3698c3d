package io.lstmsignals.ingest.replay;

import io.lstmsignals.ingest.pipeline.IngestPipeline;
import io.lstmsignals.ingest.pipeline.InputRecord;
import io.lstmsignals.ingest.source.CsvBarFile;
import io.lstmsignals.ingest.source.TimeOrderedMerge;
import io.lstmsignals.schemas.contract.BarFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A replay of one or more bar files, merged in time order. {@link #open} checks every file before
 * anything is read, so a typo in the last file name fails the run before the first bar is
 * published. The caller closes it.
 */
public final class FileReplay implements AutoCloseable {
  private final List<CsvBarFile> files;

  private FileReplay(List<CsvBarFile> files) {
    this.files = files;
  }

  /**
   * Opens every file.
   *
   * @throws BarFileException for the first file that cannot be read; the others are closed again
   */
  public static FileReplay open(List<Path> paths) {
    if (paths.isEmpty()) {
      throw new BarFileException(
          "No bar files given: name at least one CSV file, e.g. data/BTCUSDT-4h.csv");
    }
    List<CsvBarFile> files = new ArrayList<>();
    try {
      for (Path path : paths) {
        files.add(CsvBarFile.open(path));
      }
      return new FileReplay(files);
    } catch (RuntimeException e) {
      files.forEach(CsvBarFile::close);
      throw e;
    }
  }

  /** The symbols named by the files. */
  public Set<String> symbols() {
    Set<String> symbols = new TreeSet<>();
    files.forEach(f -> symbols.add(f.name().symbol()));
    return symbols;
  }

  /** Lines after the headers, counted up front so that progress can show an ETA. */
  public long countRecords() {
    return recordsPerFile().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Lines after the header of each file, in the order given. */
  public Map<Path, Long> recordsPerFile() {
    Map<Path, Long> counts = new LinkedHashMap<>();
    for (CsvBarFile file : files) {
      counts.put(file.path(), Math.max(0, countLines(file.path()) - 1));
    }
    return counts;
  }

  private static long countLines(Path path) {
    long lines = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(path)) {
      int read;
      int last = '\n';
      while ((read = in.read(buffer)) > 0) {
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
        last = buffer[read - 1];
      }
      return last == '\n' ? lines : lines + 1;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not count the lines of " + path, e);
    }
  }

  /**
   * Feeds every record, in time order and at the pacer's pace, to the pipeline, then ends it.
   *
   * @param progress counts each record, or null for none
   */
  public void replayInto(IngestPipeline pipeline, Pacer pacer, ProgressMeter progress)
      throws InterruptedException {
    TimeOrderedMerge merged = new TimeOrderedMerge(files);
    while (merged.hasNext()) {
      InputRecord record = merged.next();
      pacer.awaitTurn(record.eventTime());
      pipeline.accept(record);
      if (progress != null) {
        progress.step();
      }
    }
    pipeline.finish();
  }

  @Override
  public void close() {
    files.forEach(CsvBarFile::close);
  }
}
