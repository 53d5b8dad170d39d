package dev.seq2seq4j.train;

import dev.seq2seq4j.data.Dataset;
import dev.seq2seq4j.data.FloatBlock;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * A CRC32C over a dataset's shapes and values: what a resumed run compares to prove that
 * replaying the data source gave the interrupted run's data.
 */
final class DataDigest {
  private DataDigest() {}

  static long of(Dataset data) {
    CRC32C crc = new CRC32C();
    for (FloatBlock b : data.inputs()) {
      add(crc, b);
    }
    add(crc, data.y());
    return crc.getValue();
  }

  private static void add(CRC32C crc, FloatBlock b) {
    ByteBuffer head = ByteBuffer.allocate(8 * (b.rank() + 1)).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(b.rank());
    for (long d : b.shape()) {
      head.putLong(d);
    }
    crc.update(head.array());
    ByteBuffer values = ByteBuffer.allocate(b.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
    values.asFloatBuffer().put(b.data());
    crc.update(values.array());
  }
}
