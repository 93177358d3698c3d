package io.lstmsignals.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Confluent Schema Registry REST API (which Apicurio also serves, under {@code
 * /apis/ccompat/v7}).
 *
 * <p>Ids are cached both ways, so a steady producer or consumer talks to the registry once per
 * schema. Connection failures, 429 and 5xx answers are retried with exponential backoff, trying
 * each configured URL in turn; other answers fail at once with the registry's message. Every error
 * names the URL it was sent to.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
  private static final Logger log = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryClientConfig config;
  private final HttpClient http;
  private final Optional<String> authorization;
  private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  public RestSchemaRegistryClient(RegistryClientConfig config) {
    if (config.isMock()) {
      throw new IllegalArgumentException(
          "A mock:// registry URL needs InMemorySchemaRegistry, not the REST client");
    }
    this.config = config;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout());
    config.tls().ifPresent(tls -> builder.sslContext(tls.sslContext()));
    this.http = builder.build();
    this.authorization =
        config
            .userInfo()
            .map(
                info ->
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(info.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public int register(String subject, Schema schema) {
    return idsBySubjectSchema.computeIfAbsent(
        new SubjectSchema(subject, schema),
        key -> {
          JsonNode answer =
              send(
                  "POST",
                  "/subjects/" + encode(subject) + "/versions",
                  schemaBody(schema),
                  "register a schema under subject '" + subject + "'");
          int id = answer.path("id").asInt(-1);
          if (id < 0) {
            throw new SchemaRegistryException(
                "Schema registry "
                    + describe()
                    + " answered a registration under subject '"
                    + subject
                    + "' without an id: "
                    + answer,
                null);
          }
          schemasById.putIfAbsent(id, schema);
          log.debug("Registered subject={} id={}", subject, id);
          return id;
        });
  }

  @Override
  public int idOf(String subject, Schema schema) {
    return idsBySubjectSchema.computeIfAbsent(
        new SubjectSchema(subject, schema),
        key -> {
          JsonNode answer =
              send(
                  "POST",
                  "/subjects/" + encode(subject),
                  schemaBody(schema),
                  "look up a schema under subject '" + subject + "'");
          int id = answer.path("id").asInt(-1);
          schemasById.putIfAbsent(id, schema);
          return id;
        });
  }

  @Override
  public Schema schemaById(int id) {
    return schemasById.computeIfAbsent(
        id,
        key -> {
          JsonNode answer =
              send("GET", "/schemas/ids/" + id, null, "fetch the schema with id " + id);
          String type = answer.path("schemaType").asText("AVRO");
          if (!"AVRO".equalsIgnoreCase(type)) {
            throw new SchemaRegistryException(
                "Schema id "
                    + id
                    + " in registry "
                    + describe()
                    + " is a "
                    + type
                    + " schema, not Avro",
                null);
          }
          try {
            return new Schema.Parser().parse(answer.path("schema").asText());
          } catch (RuntimeException e) {
            throw new SchemaRegistryException(
                "Schema id "
                    + id
                    + " in registry "
                    + describe()
                    + " is not a valid Avro schema: "
                    + e.getMessage(),
                e);
          }
        });
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    JsonNode answer =
        send(
            "POST",
            "/compatibility/subjects/" + encode(subject) + "/versions/latest",
            schemaBody(schema),
            "check compatibility under subject '" + subject + "'");
    return answer.path("is_compatible").asBoolean(false);
  }

  @Override
  public List<String> subjects() {
    JsonNode answer = send("GET", "/subjects", null, "list the subjects");
    if (!answer.isArray()) {
      throw new SchemaRegistryException(
          "Schema registry "
              + describe()
              + " answered GET /subjects with "
              + abbreviated(answer.toString())
              + ", not the Confluent API's list of subjects",
          null);
    }
    List<String> subjects = new ArrayList<>();
    answer.forEach(subject -> subjects.add(subject.asText()));
    return subjects;
  }

  private static String abbreviated(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }

  @Override
  public void setCompatibility(String subject, String level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level);
    send(
        "PUT",
        "/config/" + encode(subject),
        body.toString(),
        "set compatibility " + level + " on subject '" + subject + "'");
  }

  @Override
  public String describe() {
    return config.urls().size() == 1 ? config.urls().get(0).toString() : config.urls().toString();
  }

  @Override
  public void close() {
    http.close();
  }

  private JsonNode send(String method, String path, String body, String what) {
    List<URI> urls = config.urls();
    SchemaRegistryException last = null;
    long backoff = config.retryWait().toMillis();
    for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
      URI base = urls.get(attempt % urls.size());
      URI target = URI.create(base + path);
      try {
        HttpResponse<String> response =
            http.send(request(method, target, body), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          return response.body() == null || response.body().isBlank()
              ? JSON.createObjectNode()
              : JSON.readTree(response.body());
        }
        SchemaRegistryException error = answerError(method, target, what, status, response.body());
        if (status != 429 && status / 100 != 5) {
          throw error;
        }
        last = error;
      } catch (IOException e) {
        last =
            new SchemaRegistryException(
                "Could not "
                    + what
                    + ": schema registry "
                    + target
                    + " did not answer ("
                    + describeIo(e)
                    + ")",
                e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(
            "Interrupted while trying to " + what + " at " + target, e);
      }
      if (attempt < config.maxRetries()) {
        log.warn(
            "Schema registry request failed, retrying in {} ms (attempt {}/{}): {}",
            backoff,
            attempt + 1,
            config.maxRetries() + 1,
            last.getMessage());
        sleep(backoff);
        backoff = Math.min(backoff * 2, config.retryMaxWait().toMillis());
      }
    }
    throw new SchemaRegistryUnavailableException(
        last.getMessage() + " after " + (config.maxRetries() + 1) + " attempt(s)",
        last.getCause() == null ? last : last.getCause());
  }

  private HttpRequest request(String method, URI target, String body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target)
            .timeout(config.readTimeout())
            .header("Accept", CONTENT_TYPE + ", application/json");
    authorization.ifPresent(value -> builder.header("Authorization", value));
    if (body == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return builder
        .header("Content-Type", CONTENT_TYPE)
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  private SchemaRegistryException answerError(
      String method, URI target, String what, int status, String body) {
    int errorCode = -1;
    String message = body == null ? "" : body.strip();
    try {
      JsonNode json = JSON.readTree(body);
      errorCode = json.path("error_code").asInt(-1);
      message = json.path("message").asText(message);
    } catch (IOException | RuntimeException notJson) {
      // The registry (or a proxy in front of it) answered something other than its JSON error; keep
      // the text.
    }
    String text =
        "Could not "
            + what
            + ": schema registry "
            + method
            + " "
            + target
            + " answered HTTP "
            + status
            + (errorCode >= 0 ? " (error " + errorCode + ")" : "")
            + ": "
            + message;
    if (status == 409) {
      return new IncompatibleSchemaException(
          text
              + " (the schema is incompatible with the subject's earlier versions under its compatibility rule)",
          errorCode);
    }
    if (status == 401 || status == 403) {
      text +=
          " (check "
              + RegistryClientConfig.CREDENTIALS_SOURCE
              + " / "
              + RegistryClientConfig.USER_INFO
              + ")";
    }
    return new SchemaRegistryException(text, status, errorCode);
  }

  private static String describeIo(IOException e) {
    String type = e.getClass().getSimpleName();
    return e.getMessage() == null ? type : type + ": " + e.getMessage();
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(
          "Interrupted while waiting to retry a schema registry request", e);
    }
  }

  private record SubjectSchema(String subject, Schema schema) {}
}
