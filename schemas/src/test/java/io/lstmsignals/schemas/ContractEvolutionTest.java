package io.lstmsignals.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every released version of the contracts (src/test/resources/avro-history/vN) must stay readable
 * by the current ones (BACKWARD: consumers upgrade first) and the current data by the released
 * readers (FORWARD), so a rolling upgrade of any stage never breaks a running one. When a contract
 * changes, copy the released .avsc files into a new vN+1 folder.
 */
class ContractEvolutionTest {

  static Stream<Path> releasedVersions() throws IOException, URISyntaxException {
    Path history = Path.of(ContractEvolutionTest.class.getResource("/avro-history").toURI());
    try (Stream<Path> versions = Files.list(history)) {
      return versions.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releasedVersions")
  void currentContractsShouldReadAndBeReadByReleasedOnes(Path released) throws Exception {
    Map<String, Schema> current =
        parseAll(Path.of(ContractEvolutionTest.class.getResource("/avro").toURI()));
    Map<String, Schema> old = parseAll(released);

    assertThat(current.keySet()).as("no contract may disappear").containsAll(old.keySet());
    for (Map.Entry<String, Schema> entry : old.entrySet()) {
      Schema now = current.get(entry.getKey());
      assertThat(
              SchemaCompatibility.checkReaderWriterCompatibility(now, entry.getValue()).getType())
          .as("current %s reads data written with %s", entry.getKey(), released.getFileName())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
      assertThat(
              SchemaCompatibility.checkReaderWriterCompatibility(entry.getValue(), now).getType())
          .as("%s readers of %s read current data", released.getFileName(), entry.getKey())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  /** Parses a folder of .avsc files, named types (enums) first so records can refer to them. */
  private static Map<String, Schema> parseAll(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(dir)) {
      listing.filter(p -> p.toString().endsWith(".avsc")).forEach(files::add);
    }
    files.sort(Comparator.comparing((Path p) -> isRecord(json, p)).thenComparing(Path::toString));
    Schema.Parser parser = new Schema.Parser();
    for (Path file : files) {
      parser.parse(file.toFile());
    }
    return parser.getTypes().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static boolean isRecord(ObjectMapper json, Path file) {
    try {
      return "record".equals(json.readTree(file.toFile()).path("type").asText());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + file, e);
    }
  }
}
