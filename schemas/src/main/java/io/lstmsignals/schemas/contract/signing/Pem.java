package io.lstmsignals.schemas.contract.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM blocks of Ed25519 keys: {@code PRIVATE KEY} (PKCS#8) and {@code PUBLIC KEY} (X.509). */
final class Pem {
  static final String PRIVATE = "PRIVATE KEY";
  static final String PUBLIC = "PUBLIC KEY";

  private Pem() {}

  static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /**
   * The DER bytes of the {@code type} block of a PEM file.
   *
   * @throws IllegalArgumentException naming the file when it has no such block
   */
  static byte[] read(Path file, String type) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    Matcher block =
        Pattern.compile(
                "-----BEGIN " + type + "-----([A-Za-z0-9+/=\\s]+)-----END " + type + "-----")
            .matcher(text);
    if (!block.find()) {
      throw new IllegalArgumentException(file + ": no '" + type + "' PEM block");
    }
    return Base64.getMimeDecoder().decode(block.group(1));
  }

  static PublicKey publicKey(Path file) throws IOException {
    try {
      return factory().generatePublic(new X509EncodedKeySpec(read(file, PUBLIC)));
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException(file + ": not an Ed25519 public key", e);
    }
  }

  static PrivateKey privateKey(Path file) throws IOException {
    try {
      return factory().generatePrivate(new PKCS8EncodedKeySpec(read(file, PRIVATE)));
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException(file + ": not an Ed25519 private key", e);
    }
  }

  private static KeyFactory factory() {
    try {
      return KeyFactory.getInstance(ReleaseSignatures.ALGORITHM);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + ReleaseSignatures.ALGORITHM, e);
    }
  }
}
