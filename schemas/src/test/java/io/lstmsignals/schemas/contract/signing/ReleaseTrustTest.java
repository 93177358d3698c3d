package io.lstmsignals.schemas.contract.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseTrustTest {
  private static final String SHA = "ab".repeat(32);
  private static final String OTHER_SHA = "cd".repeat(32);

  @TempDir Path dir;

  @Test
  void shouldAcceptOnlySignaturesOfTrustedKeysOverTheSameLineVersionAndSha() throws Exception {
    SigningKey releaser = SigningKey.generate(dir, "releaser");
    SigningKey stranger = SigningKey.generate(dir, "stranger");
    ReleaseTrust trust = ReleaseTrust.read(List.of(dir.resolve("releaser.pub")), false);
    byte[] signature = releaser.sign("lstm-4h", "v1", SHA);

    assertThat(trust.problem("lstm-4h", "v1", SHA, signature, releaser.id())).isEmpty();
    assertThat(trust.problem("lstm-4h", "v1", OTHER_SHA, signature, releaser.id()))
        .hasValueSatisfying(p -> assertThat(p).contains("does not verify").contains(OTHER_SHA));
    assertThat(trust.problem("lstm-4h", "v2", SHA, signature, releaser.id())).isPresent();
    assertThat(trust.problem("other-line", "v1", SHA, signature, releaser.id())).isPresent();
    assertThat(
            trust.problem("lstm-4h", "v1", SHA, stranger.sign("lstm-4h", "v1", SHA), stranger.id()))
        .hasValueSatisfying(
            p -> assertThat(p).contains("signed by key " + stranger.id()).contains("not trusted"));
    // A stranger's signature claiming the trusted key's id does not verify either.
    assertThat(
            trust.problem("lstm-4h", "v1", SHA, stranger.sign("lstm-4h", "v1", SHA), releaser.id()))
        .isPresent();
    assertThat(trust.problem("lstm-4h", "v1", SHA, new byte[] {1, 2, 3}, releaser.id()))
        .isPresent();
  }

  @Test
  void shouldRefuseUnsignedReleasesUnlessAllowedButNeverABadSignature() throws Exception {
    SigningKey releaser = SigningKey.generate(dir, "releaser");
    ReleaseTrust strict = ReleaseTrust.of(List.of(releaser.publicKey()), false);
    ReleaseTrust lenient = ReleaseTrust.of(List.of(), true);

    assertThat(strict.problem("l", "v", SHA, null, null))
        .hasValueSatisfying(p -> assertThat(p).contains("unsigned"));
    assertThat(lenient.problem("l", "v", SHA, null, null)).isEmpty();
    assertThat(lenient.problem("l", "v", SHA, releaser.sign("l", "v", SHA), releaser.id()))
        .isPresent();
  }

  @Test
  void shouldTrustSeveralKeysSoThatAKeyCanBeRotated() throws Exception {
    SigningKey old = SigningKey.generate(dir, "old");
    SigningKey next = SigningKey.generate(dir, "next");
    ReleaseTrust both =
        ReleaseTrust.read(List.of(dir.resolve("old.pub"), dir.resolve("next.key")), false);

    assertThat(both.keyIds()).containsExactly(old.id(), next.id());
    assertThat(both.problem("l", "v1", SHA, old.sign("l", "v1", SHA), old.id())).isEmpty();
    assertThat(both.problem("l", "v2", SHA, next.sign("l", "v2", SHA), next.id())).isEmpty();
  }

  @Test
  void shouldReadBackAGeneratedKeyOwnerOnlyAndNeverOverwriteIt() throws Exception {
    SigningKey generated = SigningKey.generate(dir, "releaser");
    SigningKey read = SigningKey.read(dir.resolve("releaser.key"));

    assertThat(read.id()).isEqualTo(generated.id()).hasSize(16);
    assertThat(read.publicKey().getEncoded()).isEqualTo(generated.publicKey().getEncoded());
    assertThat(
            ReleaseTrust.of(List.of(generated.publicKey()), false)
                .problem("l", "v", SHA, read.sign("l", "v", SHA), read.id()))
        .isEmpty();
    assertThat(Files.getPosixFilePermissions(dir.resolve("releaser.key")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(read.toString()).doesNotContain("PRIVATE");
    assertThatThrownBy(() -> SigningKey.generate(dir, "releaser"))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThatThrownBy(() -> SigningKey.read(dir.resolve("releaser.pub")))
        .hasMessageContaining("releaser.pub")
        .hasMessageContaining("PRIVATE KEY");
    assertThatThrownBy(() -> ReleaseTrust.read(List.of(dir.resolve("missing.pub")), false))
        .hasMessageContaining("missing.pub");
  }

  @Test
  void shouldNeverShareAPayloadBetweenDifferentReleases() {
    assertThat(ReleaseSignatures.payload("a", "bc", SHA))
        .isNotEqualTo(ReleaseSignatures.payload("ab", "c", SHA));
  }
}
