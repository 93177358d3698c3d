package io.lstmsignals.ops.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lstmsignals.ingest.app.IngestConfig;
import io.lstmsignals.ingest.app.IngestMain;
import io.lstmsignals.ops.stackcli.StackMain;
import io.lstmsignals.ops.stackcli.TopicsCommand;
import io.lstmsignals.scorer.app.ScorerMain;
import io.lstmsignals.scorer.config.ScorerConfig;
import io.lstmsignals.service.config.CommonKeys;
import io.lstmsignals.service.config.ConfigSources;
import io.lstmsignals.service.config.ConfigSpec;
import io.lstmsignals.signals.app.SignalsMain;
import io.lstmsignals.signals.stream.SignalsConfig;
import io.lstmsignals.trainer.models.ModelsMain;
import io.lstmsignals.trainer.retrainer.RetrainerConfig;
import io.lstmsignals.trainer.retrainer.RetrainerMain;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * docker-compose.yml against the build (neither the image build nor compose can run here): the file
 * parses, each service runs an image the build makes under that name, whose entrypoint class exists
 * and accepts the service's command, and every {@code LSTM_CONF_<KEY>} it sets is a key its service
 * declares. The endpoints' ports agree with {@link CommonKeys#ENDPOINT_PORTS} and with Prometheus's
 * scrape targets.
 */
class ComposeFileTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What each of our compose services runs: its module (whose image it runs), its keys, its command
   * line, its endpoint's service name, and the main class its entrypoint names when it is not the
   * image's own (null: the image's).
   */
  private record Service(
      String module,
      ConfigSpec spec,
      Supplier<CommandLine> commandLine,
      String endpoint,
      Class<?> entrypoint) {
    Service(String module, ConfigSpec spec, Supplier<CommandLine> commandLine, String endpoint) {
      this(module, spec, commandLine, endpoint, null);
    }
  }

  private static final Map<String, Service> SERVICES =
      Map.of(
          "topics", new Service("ops", TopicsCommand.SPEC, StackMain::commandLine, null),
          "model-release", new Service("scorer", ScorerConfig.SPEC, ScorerMain::commandLine, null),
          // No settings: it only writes the key files.
          "release-key",
              new Service("trainer", null, ModelsMain::commandLine, null, ModelsMain.class),
          "ingest", new Service("ingest", IngestConfig.SPEC, IngestMain::commandLine, "ingest"),
          "scorer", new Service("scorer", ScorerConfig.SPEC, ScorerMain::commandLine, "scorer"),
          "signals",
              new Service("signals", SignalsConfig.SPEC, SignalsMain::commandLine, "signals"),
          "retrainer",
              new Service(
                  "trainer",
                  RetrainerConfig.SPEC,
                  RetrainerMain::commandLine,
                  "retrainer",
                  RetrainerMain.class));

  private final JsonNode compose = yaml(REPO.resolve("docker-compose.yml"));

  ComposeFileTest() throws IOException {}

  @Test
  void shouldRunTheWholePipelineWithObservability() {
    assertThat(names(compose.path("services")))
        .containsExactlyInAnyOrder(
            "kafka",
            "volume-owners",
            "schema-registry",
            "topics",
            "release-key",
            "model-release",
            "ingest",
            "scorer",
            "signals",
            "retrainer",
            "prometheus",
            "grafana");
    assertThat(names(compose.path("volumes")))
        .containsExactlyInAnyOrder("kafka-data", "registry-data", "lstm-state", "release-keys");
  }

  @Test
  void everyImageOfOursShouldBeOneTheBuildMakesWithAnEntrypointThatExists() throws Exception {
    String version = projectVersion();
    for (Map.Entry<String, Service> entry : SERVICES.entrySet()) {
      Map<String, String> image = imageOf(entry.getValue().module());
      assertThat(compose.at("/services/" + entry.getKey() + "/image").asText())
          .as("image of compose service %s", entry.getKey())
          .isEqualTo("lstm-signals/" + image.get("image.name") + ":" + version);
      assertThatCode(() -> Class.forName(image.get("image.mainClass")))
          .as("entrypoint of the %s image", entry.getValue().module())
          .doesNotThrowAnyException();
      List<String> entrypoint = strings(compose.at("/services/" + entry.getKey() + "/entrypoint"));
      if (entry.getValue().entrypoint() == null) {
        assertThat(entrypoint).as("entrypoint of compose service %s", entry.getKey()).isEmpty();
      } else {
        // Another main class of the same image: Jib's classpath file, the class last.
        assertThat(entrypoint)
            .as("entrypoint of compose service %s", entry.getKey())
            .startsWith("java")
            .containsSubsequence("-cp", "@/app/jib-classpath-file")
            .endsWith(entry.getValue().entrypoint().getName());
      }
    }
  }

  @Test
  void everyCommandShouldParseWithItsServicesCommandLine() {
    SERVICES.forEach(
        (name, service) -> {
          List<String> command = strings(compose.at("/services/" + name + "/command"));
          assertThatCode(
                  () -> service.commandLine().get().parseArgs(command.toArray(String[]::new)))
              .as("compose service %s: %s", name, command)
              .doesNotThrowAnyException();
        });
  }

  @Test
  void everySettingShouldBeAKeyItsServiceDeclares() {
    SERVICES.forEach(
        (name, service) -> {
          for (String variable : environment(name)) {
            if (variable.startsWith(ConfigSources.ENV_PREFIX)) {
              String key = ConfigSources.keyOf(variable);
              assertThat(service.spec().accepts(key))
                  .as(
                      "compose service %s sets %s: is %s a key of %s?",
                      name, variable, key, service.spec().service())
                  .isTrue();
            }
          }
        });
  }

  @Test
  void endpointPortsShouldBeTheServicesOwnAndBeScraped() throws IOException {
    JsonNode prometheus = yaml(REPO.resolve("ops/observability/prometheus.yml"));
    Set<String> targets = new TreeSet<>();
    prometheus
        .at("/scrape_configs/0/static_configs")
        .forEach(config -> targets.addAll(strings(config.path("targets"))));
    Set<String> expected = new TreeSet<>();
    SERVICES.forEach(
        (name, service) -> {
          if (service.endpoint() != null) {
            int port = CommonKeys.ENDPOINT_PORTS.get(service.endpoint());
            assertThat(
                    compose.at("/services/" + name + "/environment/LSTM_CONF_HTTP_PORT").asText())
                .as("http.port of %s", name)
                .isEqualTo(String.valueOf(port));
            expected.add(name + ":" + port);
          }
        });
    assertThat(targets).isEqualTo(expected);
  }

  @Test
  void mountedFilesShouldExistInTheRepository() {
    List<String> mounts = new ArrayList<>();
    compose.path("services").forEach(service -> mounts.addAll(strings(service.path("volumes"))));
    for (String mount : mounts) {
      String source = mount.split(":")[0];
      if (source.startsWith("./")) {
        assertThat(REPO.resolve(source)).as("mounted %s", mount).exists();
      }
    }
  }

  /** A YAML file as a tree, merge keys resolved. */
  private static JsonNode yaml(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object document = new Yaml().load(reader);
      return JSON.valueToTree(document);
    }
  }

  private List<String> environment(String service) {
    List<String> variables = new ArrayList<>();
    compose
        .at("/services/" + service + "/environment")
        .fieldNames()
        .forEachRemaining(variables::add);
    return variables;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static String projectVersion() throws Exception {
    return childText(pom(REPO.resolve("pom.xml")).getDocumentElement(), "version");
  }

  /** The image properties a module's pom sets: image.name and image.mainClass. */
  private static Map<String, String> imageOf(String module) throws Exception {
    Element properties =
        (Element)
            pom(REPO.resolve(module).resolve("pom.xml"))
                .getDocumentElement()
                .getElementsByTagName("properties")
                .item(0);
    assertThat(properties).as("properties of %s/pom.xml", module).isNotNull();
    return Map.of(
        "image.name", childText(properties, "image.name"),
        "image.mainClass", childText(properties, "image.mainClass"));
  }

  private static Document pom(Path file) throws Exception {
    assertThat(Files.isRegularFile(file)).as("%s exists", file).isTrue();
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  private static String childText(Element parent, String name) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && element.getTagName().equals(name)) {
        return element.getTextContent().strip();
      }
    }
    throw new AssertionError(parent.getTagName() + " has no <" + name + ">");
  }
}
