package io.lstmsignals.signals.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

/**
 * Prints decoded Avro records for people and for tools: a readable {@code field=value} line, or one
 * JSON object per line. Times print as ISO-8601 UTC, enums by name, bytes as Base64; null fields
 * are left out of the line and kept as {@code null} in JSON.
 */
final class RecordText {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordText() {}

  static String line(String key, IndexedRecord record) {
    StringBuilder text =
        new StringBuilder(record.getSchema().getName()).append(" key=").append(key);
    for (Schema.Field field : record.getSchema().getFields()) {
      Object value = plain(record.get(field.pos()));
      if (value != null) {
        text.append(' ').append(field.name()).append('=').append(value);
      }
    }
    return text.toString();
  }

  static String json(String key, IndexedRecord record) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("type", record.getSchema().getName());
    fields.put("key", key);
    for (Schema.Field field : record.getSchema().getFields()) {
      fields.put(field.name(), plain(record.get(field.pos())));
    }
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "RecordText: could not write " + record.getSchema().getName() + " as JSON", e);
    }
  }

  private static Object plain(Object value) {
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    if (value instanceof CharSequence
        || value instanceof Enum<?>
        || value instanceof GenericContainer) {
      return value.toString();
    }
    if (value instanceof ByteBuffer bytes) {
      return Base64.getEncoder().encodeToString(bytes.duplicate().array());
    }
    return value;
  }
}
