package io.lstmsignals.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * A specific record as a generic reader (no logical-type conversions) prints it: the expected
 * generic view.
 */
final class GenericRecordText {
  private GenericRecordText() {}

  static String of(SpecificRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new SpecificDatumWriter<SpecificRecord>(
              record.getSchema(), SpecificData.getForSchema(record.getSchema()))
          .write(record, encoder);
      encoder.flush();
      GenericData.Record generic =
          (GenericData.Record)
              new GenericDatumReader<>(record.getSchema())
                  .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
      return generic.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
