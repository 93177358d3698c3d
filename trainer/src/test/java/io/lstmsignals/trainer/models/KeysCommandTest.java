package io.lstmsignals.trainer.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.lstmsignals.schemas.contract.signing.SigningKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCommandTest {
  @TempDir Path dir;

  private String run(int expectedExit, String... args) {
    CommandLine command = ModelsMain.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    assertThat(command.execute(args)).as(err.toString()).isEqualTo(expectedExit);
    return out + err.toString();
  }

  @Test
  void shouldGenerateAKeyPairWhoseIdBothFilesShowAndNeverOverwriteIt() throws Exception {
    String generated = run(0, "keys", "generate", "--dir", dir.toString(), "--name", "releaser");
    String id = SigningKey.read(dir.resolve("releaser.key")).id();

    assertThat(generated)
        .startsWith("key " + id)
        .contains(dir.resolve("releaser.key").toString())
        .contains(dir.resolve("releaser.pub").toString());
    assertThat(run(0, "keys", "id", dir.resolve("releaser.pub").toString())).startsWith(id + " ");
    assertThat(run(0, "keys", "id", dir.resolve("releaser.key").toString())).startsWith(id + " ");
    assertThat(run(2, "keys", "generate", "--dir", dir.toString(), "--name", "releaser"))
        .contains("releaser.key");
    assertThat(
            run(
                0,
                "keys",
                "generate",
                "--dir",
                dir.toString(),
                "--name",
                "releaser",
                "--if-absent"))
        .startsWith("key " + id);
  }
}
