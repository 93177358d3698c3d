package io.lstmsignals.ops.stack;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/stack up}: starts a local stack (a KRaft broker and an Apicurio registry on
 * 127.0.0.1), prints its endpoints and the {@code export} lines that let tests and apps in other
 * shells reuse it, and keeps it running until Ctrl-C or SIGTERM, then stops it cleanly. It creates
 * no topics and registers no schemas.
 */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    description = "A real local Kafka broker + schema registry, without Docker.",
    subcommands = StackMain.Up.class)
public final class StackMain implements Runnable {

  @Spec private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty(
          "logback.configurationFile", "io/lstmsignals/ops/stack/stack-cli-logback.xml");
    }
    System.exit(new CommandLine(new StackMain()).execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: try 'stack up'");
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description = {
        "Starts the stack, prints its endpoints, and runs until Ctrl-C or SIGTERM.",
        "Exits with 1 if the broker or the registry stops on its own."
      })
  static final class Up implements Callable<Integer> {

    @Spec private CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--kafka-port",
        paramLabel = "PORT",
        defaultValue = "9092",
        description =
            "Kafka client port on 127.0.0.1, 0 for any free port (default: ${DEFAULT-VALUE}).")
    private int kafkaPort;

    @Option(
        names = "--registry-port",
        paramLabel = "PORT",
        defaultValue = "8081",
        description =
            "Schema registry port on 127.0.0.1, 0 for any free port (default: ${DEFAULT-VALUE}).")
    private int registryPort;

    @Option(
        names = "--workdir",
        paramLabel = "DIR",
        description =
            "Where broker.log, registry.log and the broker's data go (default: a directory under the"
                + " system temp dir).")
    private Path workDir;

    @Option(names = "--no-registry", description = "Start only the broker.")
    private boolean noRegistry;

    @Override
    public Integer call() throws InterruptedException {
      LocalStackOptions options =
          LocalStackOptions.defaults()
              .withKafkaPort(kafkaPort)
              .withRegistryPort(noRegistry ? 0 : registryPort)
              .withStartRegistry(!noRegistry);
      if (workDir != null) {
        options = options.withWorkDir(workDir);
      }
      PrintWriter out = spec.commandLine().getOut();
      try (LocalStack stack = LocalStack.start(options)) {
        StackEndpoints endpoints = stack.endpoints();
        out.println("Kafka bootstrap servers:  " + endpoints.bootstrapServers());
        if (endpoints.hasRegistry()) {
          out.println("Schema registry (Confluent API): " + endpoints.registryUrl());
        }
        out.println("Logs: " + stack.workDir());
        out.println();
        out.println("To reuse this stack from another shell (tests included):");
        out.println(
            "export " + ExternalStack.BOOTSTRAP_SERVERS_ENV + "=" + endpoints.bootstrapServers());
        if (endpoints.hasRegistry()) {
          out.println("export " + ExternalStack.REGISTRY_URL_ENV + "=" + endpoints.registryUrl());
        }
        out.println();
        out.println("Running; press Ctrl-C to stop.");
        out.flush();
        Optional<String> crashed = stack.awaitProcessExit();
        crashed.ifPresent(
            what -> spec.commandLine().getErr().println("Stopping the stack: " + what));
        return crashed.isPresent() ? 1 : 0;
      }
    }
  }
}
