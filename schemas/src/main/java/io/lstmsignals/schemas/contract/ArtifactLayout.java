package io.lstmsignals.schemas.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A model artifact directory, as the trainer writes it and every consumer reads it: {@value
 * #MODEL_FILE} (the self-contained ONNX model, its card in {@code metadata_props}), {@value
 * #CARD_FILE} (the same card as JSON), {@value #SHA256_FILE} ({@code sha256sum} format), and, when
 * the model was evaluated, {@value #PREDICTIONS_FILE} ({@link PredictionsCsv}) and {@value
 * #REPORT_FILE}. Changing any of it is a breaking change: bump {@link #FORMAT_VERSION}.
 */
public final class ArtifactLayout {

  /**
   * Version of this layout and of {@link ModelCardKeys}, in card key {@code lstm.format_version}.
   */
  public static final String FORMAT_VERSION = "1";

  public static final String MODEL_FILE = "model.onnx";
  public static final String CARD_FILE = "model.json";
  public static final String SHA256_FILE = "model.sha256";
  public static final String PREDICTIONS_FILE = "predictions.csv";
  public static final String REPORT_FILE = "report.md";

  private ArtifactLayout() {}

  /** Lower-case hex SHA-256: how releases name the bytes of {@value #MODEL_FILE}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(
          "SHA-256 is missing from this JVM, which every JVM must have", e);
    }
  }

  /** The line of {@value #SHA256_FILE} for a digest: {@code <hex> model.onnx}. */
  public static String sha256Line(String sha256) {
    return sha256 + "  " + MODEL_FILE + "\n";
  }

  /**
   * The bytes of an artifact directory's {@value #MODEL_FILE}, checked against its {@value
   * #SHA256_FILE}.
   *
   * @throws IllegalArgumentException naming the directory if the digests differ
   * @throws UncheckedIOException naming the file that cannot be read
   */
  public static byte[] readModel(Path directory) {
    byte[] onnx = readFile(directory.resolve(MODEL_FILE));
    String declared =
        sha256Of(new String(readFile(directory.resolve(SHA256_FILE)), StandardCharsets.US_ASCII));
    String actual = sha256(onnx);
    if (!actual.equals(declared)) {
      throw new IllegalArgumentException(
          "Artifact "
              + directory
              + ": "
              + SHA256_FILE
              + " says "
              + declared
              + ", "
              + MODEL_FILE
              + " hashes to "
              + actual);
    }
    return onnx;
  }

  private static byte[] readFile(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Artifact file " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The digest a {@value #SHA256_FILE} states: the first word, lower-cased. */
  public static String sha256Of(String sha256FileText) {
    return sha256FileText.trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
  }
}
