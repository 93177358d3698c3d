package io.lstmsignals.bench.trainer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PyTorch as a peer in the trainer benchmark: runs {@code pytorch_epochs.py} (this package's
 * resource: the default configuration's epoch with the same shapes) with a system Python that has
 * torch — Debian's {@code python3-torch}, run with {@code /usr/bin/python3} — and reads the seconds
 * of its measured epochs. Nothing is assumed when it is missing: {@link #find} says why instead.
 */
final class PyTorchPeer {
  private static final String SCRIPT = "pytorch_epochs.py";

  /** The shapes and settings of one run. */
  record Shapes(
      int windows,
      int validationWindows,
      int windowBars,
      int features,
      int hidden,
      int layers,
      double dropout,
      int batch,
      double learningRate) {}

  private final Path python;
  private final Path script;
  private final String version;

  private PyTorchPeer(Path python, Path script, String version) {
    this.python = python;
    this.script = script;
    this.version = version;
  }

  /**
   * The peer, or why there is none: no such interpreter, or no torch module in it.
   *
   * @param python the interpreter, e.g. /usr/bin/python3
   */
  static Optional<PyTorchPeer> find(Path python, StringBuilder whyNot) throws InterruptedException {
    if (!Files.isExecutable(python)) {
      whyNot.append(python).append(" is not an executable Python interpreter");
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = run(List.of(python.toString(), "-c", "import torch; print(torch.__version__)"), 120);
    } catch (IOException e) {
      whyNot.append(python).append(" cannot import torch: ").append(e.getMessage());
      return Optional.empty();
    }
    String version = lines.isEmpty() ? "(unknown)" : lines.getLast().trim();
    return Optional.of(new PyTorchPeer(python, extractScript(), version));
  }

  String version() {
    return version;
  }

  /** Runs warm-up and measured epochs on {@code threads} threads; the measured epochs' seconds. */
  List<Double> epochs(Shapes shapes, int threads, int warmup, int measured, long seed)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            python.toString(),
            script.toString(),
            "--windows",
            Integer.toString(shapes.windows()),
            "--val",
            Integer.toString(shapes.validationWindows()),
            "--window",
            Integer.toString(shapes.windowBars()),
            "--features",
            Integer.toString(shapes.features()),
            "--hidden",
            Integer.toString(shapes.hidden()),
            "--layers",
            Integer.toString(shapes.layers()),
            "--dropout",
            Double.toString(shapes.dropout()),
            "--batch",
            Integer.toString(shapes.batch()),
            "--lr",
            Double.toString(shapes.learningRate()),
            "--warmup",
            Integer.toString(warmup),
            "--epochs",
            Integer.toString(measured),
            "--threads",
            Integer.toString(threads),
            "--seed",
            Long.toString(seed));
    List<Double> seconds = parseMeasured(run(command, 3600));
    if (seconds.size() != measured) {
      throw new IOException(
          "PyTorch reported " + seconds.size() + " measured epochs, expected " + measured);
    }
    return seconds;
  }

  /** The seconds of the "epoch N measured S" lines. */
  static List<Double> parseMeasured(List<String> lines) {
    List<Double> seconds = new ArrayList<>();
    for (String line : lines) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length == 4 && fields[0].equals("epoch") && fields[2].equals("measured")) {
        seconds.add(Double.parseDouble(fields[3]));
      }
    }
    return seconds;
  }

  private static List<String> run(List<String> command, long timeoutSeconds)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output;
    try (InputStream in = process.getInputStream()) {
      output = in.readAllBytes();
    }
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(command.getFirst() + " did not finish within " + timeoutSeconds + " s");
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      String[] lines = text.strip().split("\n");
      throw new IOException(
          "exit "
              + process.exitValue()
              + ": "
              + (lines.length == 0 ? "" : lines[lines.length - 1]));
    }
    return text.lines().toList();
  }

  private static Path extractScript() {
    try (InputStream in = PyTorchPeer.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the bench module's resources");
      }
      Path file = Files.createTempFile("lstm-bench-", "-" + SCRIPT);
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + SCRIPT + " to a temp file", e);
    }
  }
}
