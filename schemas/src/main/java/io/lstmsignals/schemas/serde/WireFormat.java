package io.lstmsignals.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's framing of a record value: magic byte {@code 0x00}, the writer schema's registry id
 * as a 4-byte big-endian int, then the Avro binary encoding.
 */
public final class WireFormat {
  /** The only magic byte this format has had. */
  public static final byte MAGIC_BYTE = 0x0;

  /** Magic byte plus schema id. */
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  /** Writes the header into the first {@link #HEADER_LENGTH} bytes of a buffer. */
  public static void writeHeader(ByteBuffer target, int schemaId) {
    target.put(MAGIC_BYTE).putInt(schemaId);
  }

  /**
   * Reads the schema id of a framed payload.
   *
   * @param topic the topic the payload was read from, for the message
   * @throws SerializationException if the payload is shorter than the header or its magic byte is
   *     not 0
   */
  public static int schemaId(byte[] payload, String topic) {
    if (payload.length < HEADER_LENGTH) {
      throw new SerializationException(
          "Record from topic '"
              + topic
              + "' has "
              + payload.length
              + " bytes, fewer than the "
              + HEADER_LENGTH
              + "-byte header of the Confluent wire format"
              + " (magic byte + schema id): it is truncated or not Avro from a schema-registry serializer");
    }
    if (payload[0] != MAGIC_BYTE) {
      throw new SerializationException(
          String.format(
              "Record from topic '%s' starts with byte 0x%02x, expected the magic byte 0x00 of the Confluent wire format:"
                  + " it was not written by a schema-registry Avro serializer",
              topic, payload[0] & 0xff));
    }
    return ByteBuffer.wrap(payload, 1, 4).getInt();
  }
}
