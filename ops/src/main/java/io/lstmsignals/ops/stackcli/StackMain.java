package io.lstmsignals.ops.stackcli;

import io.lstmsignals.ops.demo.PipelineTopics;
import io.lstmsignals.ops.stack.ExternalStack;
import io.lstmsignals.ops.stack.LocalStack;
import io.lstmsignals.ops.stack.LocalStackOptions;
import io.lstmsignals.ops.stack.StackEndpoints;
import io.lstmsignals.ops.stack.StackSecurity;
import io.lstmsignals.ops.stack.StackStartException;
import io.lstmsignals.schemas.topic.TopicProvisioner;
import io.lstmsignals.service.cli.CommandLineLogging;
import io.lstmsignals.service.cli.CommandLines;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/stack}: {@code up} starts a local stack (a KRaft broker and an Apicurio registry on
 * 127.0.0.1) whose data stays in a data directory between runs, creates the catalogue's topics,
 * prints its endpoints and the {@code export} lines that let apps and tests in other shells reuse
 * it, and keeps it running until Ctrl-C or SIGTERM, then stops it cleanly; {@code topics create}
 * creates the catalogue's topics on any broker.
 *
 * <p>It lives here, not in ops/stack, because it needs the topic catalogue and the command-line
 * conventions, and ops/stack may depend on nothing of ours (every module's tests use it).
 */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "A real local Kafka broker + schema registry, without Docker.",
    subcommands = {StackMain.Up.class, TopicsCommand.class})
public final class StackMain implements Runnable {

  /** Where {@code up} keeps its data unless told otherwise (relative to the working directory). */
  static final Path DEFAULT_DATA = Path.of("var", "stack");

  @Spec private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    CommandLineLogging.useUnlessConfigured();
    System.exit(commandLine().execute(args));
  }

  /** The command line, with the project's conventions (see {@link CommandLines}). */
  public static CommandLine commandLine() {
    return CommandLines.create(new StackMain(), StackStartException.class);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description = {
        "Starts the stack, creates the catalogue's topics, prints the endpoints, and runs until"
            + " Ctrl-C or SIGTERM (it blocks: use another terminal for the rest).",
        "The broker's log dirs and the registry's schemas stay in the data directory, so a"
            + " restart serves every earlier record and schema (schema ids are never reused);"
            + " --fresh starts empty. Exits with 1 if the broker or the registry stops on its own.",
        ""
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
        names = "--data",
        paramLabel = "DIR",
        description =
            "Where the broker's and the registry's data and logs stay (default: var/stack).")
    private Path data = DEFAULT_DATA;

    @Option(
        names = "--fresh",
        description = "Wipe the data an earlier run left in the data directory first.")
    private boolean fresh;

    @Option(names = "--no-registry", description = "Start only the broker.")
    private boolean noRegistry;

    @Option(
        names = "--secure",
        description = {
          "Secure the stack: a SASL_SSL listener (SCRAM-SHA-512) with a certificate from a CA made"
              + " at the first start, ACLs giving each service's principal only its own work"
              + " (StandardAuthorizer), the registry behind TLS and basic auth; prints each"
              + " principal's client settings file.",
          "Its data directory stays a secured one: start it with --secure every time, or --fresh."
        })
    private boolean secure;

    @Override
    public Integer call() throws InterruptedException {
      LocalStackOptions options =
          LocalStackOptions.defaults()
              .withWorkDir(data)
              .withDurableData(true)
              .withFresh(fresh)
              .withKafkaPort(kafkaPort)
              .withRegistryPort(noRegistry ? 0 : registryPort)
              .withStartRegistry(!noRegistry)
              .withSecurity(
                  secure ? ServicePrincipals.users(SecuredStack.principals()) : List.of());
      PrintWriter out = spec.commandLine().getOut();
      try (LocalStack stack = LocalStack.start(options)) {
        StackEndpoints endpoints = stack.endpoints();
        Optional<StackSecurity> security = stack.security();
        List<String> created =
            security.isPresent()
                ? SecuredStack.provision(endpoints, security.get(), SecuredStack.principals())
                : createTopics(endpoints.bootstrapServers());
        out.println("Kafka bootstrap servers:  " + endpoints.bootstrapServers());
        if (endpoints.hasRegistry()) {
          out.println("Schema registry (Confluent API): " + endpoints.registryUrl());
        }
        out.println("Data and logs: " + stack.workDir());
        out.println(
            "Topics: "
                + (created.isEmpty()
                    ? "the catalogue's all exist"
                    : "created " + String.join(", ", created)));
        out.println();
        if (security.isPresent()) {
          printClientSettings(out, endpoints, security.get());
        } else {
          out.println("To use this stack from another shell (apps and tests):");
          out.println(
              "export " + ExternalStack.BOOTSTRAP_SERVERS_ENV + "=" + endpoints.bootstrapServers());
          if (endpoints.hasRegistry()) {
            out.println("export " + ExternalStack.REGISTRY_URL_ENV + "=" + endpoints.registryUrl());
          }
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

    /** Where each principal's settings are, and what one of them holds (no secret in it). */
    private static void printClientSettings(
        PrintWriter out, StackEndpoints endpoints, StackSecurity security) {
      out.println("Secured: SASL_SSL (" + StackSecurity.SASL_MECHANISM + "), ACLs per principal,");
      out.println(
          "the registry behind TLS + basic auth; CA certificate " + security.caCertificate());
      out.println("Client settings, one file per principal (use: --config FILE):");
      for (String user : security.users()) {
        out.println("  User:" + user + "  " + SecuredStack.clientFile(security, user));
      }
      out.println("Passwords stay in " + security.credentialsFile() + "; the files refer to them.");
      out.println("e.g. bin/scorer run --config " + SecuredStack.clientFile(security, "scorer"));
      out.println("The settings of User:scorer:");
      SecuredStack.clientSettings(endpoints, security, "scorer")
          .lines()
          .filter(line -> !line.startsWith("#"))
          .forEach(line -> out.println("  " + line));
    }

    private static List<String> createTopics(String bootstrapServers) {
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
        return new TopicProvisioner(admin, Duration.ofSeconds(30))
            .ensure(PipelineTopics.standard().specs());
      }
    }
  }
}
