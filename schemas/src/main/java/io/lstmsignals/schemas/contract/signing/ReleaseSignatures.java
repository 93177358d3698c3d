package io.lstmsignals.schemas.contract.signing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;

/**
 * What a release signature covers: the release's model line, version and artifact sha256, each
 * length-prefixed after a fixed domain tag (so no two different triples, and no other kind of
 * message, share a payload). The signature algorithm is Ed25519, built into the JDK.
 */
public final class ReleaseSignatures {
  /** The JDK name of the signature algorithm. */
  public static final String ALGORITHM = "Ed25519";

  private static final String DOMAIN = "lstm-signals model release v1";

  private ReleaseSignatures() {}

  /**
   * The bytes signed for the release {@code version} of {@code line} with artifact {@code sha256}.
   */
  public static byte[] payload(String line, String version, String sha256) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (String part : new String[] {DOMAIN, line, version, sha256}) {
        byte[] utf8 = part.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A public key's id: the first 16 hex digits of the SHA-256 of its X.509 encoding. */
  public static String keyId(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
