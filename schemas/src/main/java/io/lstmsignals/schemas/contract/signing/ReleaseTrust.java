package io.lstmsignals.schemas.contract.signing;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which release signatures a scorer accepts: those that verify against one of its trusted public
 * keys (several, so that a new key can be trusted before the old one is retired). Unsigned releases
 * are refused unless {@code allowUnsigned}, for local experiments; a signature that does not verify
 * is refused either way.
 */
public final class ReleaseTrust {
  private final Map<String, PublicKey> trusted;
  private final boolean allowUnsigned;

  private ReleaseTrust(Map<String, PublicKey> trusted, boolean allowUnsigned) {
    this.trusted = Collections.unmodifiableMap(new LinkedHashMap<>(trusted));
    this.allowUnsigned = allowUnsigned;
  }

  /** Trusts the given public keys. */
  public static ReleaseTrust of(List<PublicKey> keys, boolean allowUnsigned) {
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    keys.forEach(key -> byId.put(ReleaseSignatures.keyId(key), key));
    return new ReleaseTrust(byId, allowUnsigned);
  }

  /**
   * Trusts the public keys in {@code files} ({@code .pub} files, or key files).
   *
   * @throws IllegalArgumentException naming a file that is missing or holds no Ed25519 public key
   */
  public static ReleaseTrust read(List<Path> files, boolean allowUnsigned) {
    List<PublicKey> keys =
        files.stream()
            .map(
                file -> {
                  try {
                    return Pem.publicKey(file);
                  } catch (IOException e) {
                    throw new IllegalArgumentException(
                        "cannot read trusted key " + file + ": " + e, e);
                  }
                })
            .toList();
    return of(keys, allowUnsigned);
  }

  /** The ids of the trusted keys. */
  public List<String> keyIds() {
    return List.copyOf(trusted.keySet());
  }

  public boolean allowsUnsigned() {
    return allowUnsigned;
  }

  /**
   * Why the release {@code version} of {@code line} with artifact {@code sha256} may not be served;
   * empty when its signature verifies (or it is unsigned and unsigned releases are allowed).
   *
   * @param signature null when unsigned
   * @param keyId the id of the key it says it was signed with
   */
  public Optional<String> problem(
      String line, String version, String sha256, byte[] signature, String keyId) {
    String label = "release " + line + "@" + version;
    if (signature == null) {
      return allowUnsigned
          ? Optional.empty()
          : Optional.of(
              label
                  + ": unsigned, and this scorer serves signed releases only (trusted keys "
                  + trusted.keySet()
                  + ")");
    }
    PublicKey key = keyId == null ? null : trusted.get(keyId);
    if (key == null) {
      return Optional.of(
          label + ": signed by key " + keyId + ", which is not trusted " + trusted.keySet());
    }
    try {
      Signature verifier = Signature.getInstance(ReleaseSignatures.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(ReleaseSignatures.payload(line, version, sha256));
      if (verifier.verify(signature)) {
        return Optional.empty();
      }
    } catch (GeneralSecurityException malformed) {
      // A malformed signature is as wrong as one that does not verify.
    }
    return Optional.of(
        label
            + ": its signature by key "
            + keyId
            + " does not verify over its line, version and sha256 "
            + sha256
            + " (signed for other bytes, or tampered)");
  }

  @Override
  public String toString() {
    return "trusted keys " + trusted.keySet() + (allowUnsigned ? ", unsigned allowed" : "");
  }
}
