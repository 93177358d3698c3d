package io.lstmsignals.trainer.models;

import io.lstmsignals.schemas.contract.signing.ReleaseTrust;
import io.lstmsignals.schemas.contract.signing.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code models keys}: the Ed25519 keys releases are signed with and scorers trust. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Generates release signing keys and shows their ids.",
    subcommands = {KeysCommand.Generate.class, KeysCommand.Id.class, CommandLine.HelpCommand.class})
final class KeysCommand {

  /** {@code models keys generate}. */
  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description =
          "Writes a new key pair: NAME.key (owner-only; give it to those who release, as"
              + " --signing-key or retrainer.signing.key) and NAME.pub (give it to the scorers, in"
              + " scorer.release.trusted.keys). Never overwrites a key.")
  static final class Generate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Where to write the files (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("var", "keys");

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "The key's file name, e.g. releaser-2026.")
    String name;

    @Option(
        names = "--if-absent",
        description =
            "Keep a key already there (say its id) instead of refusing: for set-up scripts.")
    boolean ifAbsent;

    @Override
    public Integer call() throws IOException {
      Path existing = dir.resolve(name + SigningKey.KEY_SUFFIX);
      SigningKey key =
          ifAbsent && Files.exists(existing)
              ? SigningKey.read(existing)
              : SigningKey.generate(dir, name);
      spec.commandLine()
          .getOut()
          .printf(
              "key %s: sign with %s, trust %s%n",
              key.id(),
              dir.resolve(name + SigningKey.KEY_SUFFIX),
              dir.resolve(name + SigningKey.PUBLIC_SUFFIX));
      return 0;
    }
  }

  /** {@code models keys id}. */
  @Command(
      name = "id",
      mixinStandardHelpOptions = true,
      description =
          "Prints the id of each key file (.key or .pub): the id releases name in signingKeyId.")
  static final class Id implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Key or public key files.")
    List<Path> files;

    @Override
    public Integer call() {
      for (Path file : files) {
        String id = ReleaseTrust.read(List.of(file), false).keyIds().getFirst();
        spec.commandLine().getOut().printf("%s %s%n", id, file);
      }
      return 0;
    }
  }
}
