package io.lstmsignals.schemas.contract.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The key a releaser signs with. Its file holds the private key and its public key (so the key's id
 * is known without the other file); the {@code .pub} file beside it is what scorers trust.
 *
 * @param id the public key's id ({@link ReleaseSignatures#keyId})
 */
public record SigningKey(String id, PrivateKey privateKey, PublicKey publicKey) {
  /** The suffix of a public key file written next to its key file. */
  public static final String PUBLIC_SUFFIX = ".pub";

  /** The suffix of a key file. */
  public static final String KEY_SUFFIX = ".key";

  /** Signs the release {@code version} of {@code line} with artifact {@code sha256}. */
  public byte[] sign(String line, String version, String sha256) {
    try {
      Signature signer = Signature.getInstance(ReleaseSignatures.ALGORITHM);
      signer.initSign(privateKey);
      signer.update(ReleaseSignatures.payload(line, version, sha256));
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with key " + id + " failed", e);
    }
  }

  /**
   * Reads a key file written by {@link #generate}.
   *
   * @throws IllegalArgumentException naming the file when it holds no Ed25519 key pair
   */
  public static SigningKey read(Path file) throws IOException {
    PublicKey publicKey = Pem.publicKey(file);
    return new SigningKey(ReleaseSignatures.keyId(publicKey), Pem.privateKey(file), publicKey);
  }

  /**
   * Generates a key pair and writes {@code <name>.key} (owner-only where the file system has
   * permissions) and {@code <name>.pub} into {@code dir}; existing files are never overwritten.
   */
  public static SigningKey generate(Path dir, String name) throws IOException {
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance(ReleaseSignatures.ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no " + ReleaseSignatures.ALGORITHM, e);
    }
    Files.createDirectories(dir);
    Path keyFile = dir.resolve(name + KEY_SUFFIX);
    Path publicFile = dir.resolve(name + PUBLIC_SUFFIX);
    for (Path file : new Path[] {keyFile, publicFile}) {
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(file.toString(), null, "a key is never overwritten");
      }
    }
    String publicPem = Pem.block(Pem.PUBLIC, pair.getPublic().getEncoded());
    Files.createFile(keyFile);
    try {
      Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the file keeps its directory's access list.
    }
    Files.writeString(
        keyFile,
        Pem.block(Pem.PRIVATE, pair.getPrivate().getEncoded()) + publicPem,
        StandardCharsets.US_ASCII);
    Files.writeString(publicFile, publicPem, StandardCharsets.US_ASCII);
    return new SigningKey(
        ReleaseSignatures.keyId(pair.getPublic()), pair.getPrivate(), pair.getPublic());
  }

  @Override
  public String toString() {
    return "SigningKey[" + id + "]";
  }
}
