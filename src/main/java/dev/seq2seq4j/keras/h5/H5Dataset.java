package dev.seq2seq4j.keras.h5;

import dev.seq2seq4j.data.FloatBlock;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.CompactDataset;
import io.jhdf.object.datatype.DataType;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * One dataset of an {@link H5Reader}, read only after its claims are checked: element count
 * against {@link H5Limits}, stored bytes against the file's size. Chunked datasets (and with
 * them compressed ones) are refused: Keras writes none, jHDF walks a chunk index eagerly, and
 * an inflating filter could expand a small chunk without bound before anything could check
 * it.
 */
final class H5Dataset {

  private static final long UNDEFINED_ADDRESS = -1L;

  private final H5Reader reader;
  private final Dataset dataset;
  private final String path;

  H5Dataset(H5Reader reader, Dataset dataset, String path) {
    this.reader = reader;
    this.dataset = dataset;
    this.path = path;
  }

  long[] shape() {
    long[] dims = reader.guard(path, dataset::getDimensionsAsLong).clone();
    for (long d : dims) {
      if (d < 0) {
        throw reader.error(path, "has a negative dimension in " + Arrays.toString(dims));
      }
    }
    return dims;
  }

  String typeName() {
    return H5Types.name(type());
  }

  private DataType type() {
    return reader.guard(path, dataset::getDataType);
  }

  FloatBlock readFloats() {
    DataType type = type();
    if (!H5Types.isReadableFloat(type)) {
      throw reader.error(path, "is " + H5Types.name(type) + ", not float16, float32 or float64");
    }
    long[] shape = shape();
    int count = checkedCount(shape, type);
    if (count == 0) {
      return FloatBlock.wrap(new float[0], shape);
    }
    Object data = reader.guard(path, dataset::getDataFlat);
    float[] values;
    if (data instanceof float[] f) {
      values = f;
    } else if (data instanceof double[] d) {
      values = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        values[i] = (float) d[i];
      }
    } else {
      throw reader.error(path, "decoded to " + describe(data) + " instead of floats");
    }
    return wrap(values, shape, count);
  }

  long[] readLongs() {
    DataType type = type();
    if (!H5Types.isReadableInteger(type)) {
      throw reader.error(path, "is " + H5Types.name(type) + ", not an integer type");
    }
    long[] shape = shape();
    int count = checkedCount(shape, type);
    if (count == 0) {
      return new long[0];
    }
    Object data = reader.guard(path, dataset::getDataFlat);
    if (data == null || !data.getClass().isArray() || Array.getLength(data) != count) {
      throw reader.error(path, "decoded to " + describe(data) + " instead of " + count
          + " integers");
    }
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      Object v = Array.get(data, i);
      if (v instanceof BigInteger big) {
        if (big.bitLength() > 63) {
          throw reader.error(path, "holds " + big + ", which does not fit a long");
        }
        values[i] = big.longValue();
      } else {
        values[i] = ((Number) v).longValue();
      }
    }
    return values;
  }

  private FloatBlock wrap(float[] values, long[] shape, int count) {
    if (values.length != count) {
      throw reader.error(path, "decoded to " + values.length + " values instead of " + count);
    }
    return FloatBlock.wrap(values, shape);
  }

  /**
   * Checks a dataset's claimed size before anything is read, and reserves it against the
   * per-file bound.
   *
   * @return the element count
   */
  private int checkedCount(long[] shape, DataType type) {
    H5Limits limits = reader.limits();
    if (saturatedProduct(shape) > limits.maxElements()) {
      throw reader.error(path, "has shape " + Arrays.toString(shape)
          + ", more elements than the limit of " + limits.maxElements() + " per dataset");
    }
    long count;
    try {
      count = FloatBlock.checkedSize(shape);
    } catch (IllegalArgumentException e) {
      throw reader.error(path, "has shape " + Arrays.toString(shape)
          + ", more elements than a Java array can hold");
    }
    if (count == 0) {
      return 0;
    }
    long bytes = count * type.getSize();
    checkStorage(bytes);
    reader.reserveElements(path, count);
    return (int) count;
  }

  /** The product of the dimensions, or Long.MAX_VALUE if it overflows. */
  private static long saturatedProduct(long[] shape) {
    long product = 1;
    for (long d : shape) {
      if (d == 0) {
        return 0;
      }
      if (product > Long.MAX_VALUE / d) {
        return Long.MAX_VALUE;
      }
      product *= d;
    }
    return product;
  }

  private void checkStorage(long bytes) {
    long fileSize = reader.size();
    if (dataset instanceof ContiguousDataset contiguous) {
      long address = reader.guard(path, contiguous::getDataAddress);
      if (address == UNDEFINED_ADDRESS) {
        // HDF5 allocates contiguous storage when data is first written: none means the
        // dataset was created and never filled, which no Keras writer does.
        throw reader.error(path, "has no stored data (created but never written)");
      }
      if (address < 0 || bytes > fileSize || address > fileSize - bytes) {
        throw reader.error(path, "claims " + bytes + " bytes at offset " + address
            + ", beyond the end of the " + fileSize + "-byte file");
      }
    } else if (dataset instanceof ChunkedDataset) {
      // Keras writes contiguous datasets only. A chunk index is a B-tree that jHDF walks
      // eagerly, and filters would inflate chunks without bound, so neither is read.
      throw reader.error(path, "uses chunked storage" + filters()
          + ", which Keras never writes; only contiguous and compact datasets are read");
    } else if (!(dataset instanceof CompactDataset)) {
      throw reader.error(path, "has an unsupported storage layout");
    }
    // Compact data sits inside the object header, which jHDF has already bounded by the file.
  }

  private String filters() {
    StringBuilder names = new StringBuilder();
    reader.guard(path, dataset::getFilters).forEach(f -> names.append(names.length() == 0
        ? " with " : ", ").append(f.getName()));
    return names.toString();
  }

  private static String describe(Object data) {
    return data == null ? "nothing" : data.getClass().getSimpleName();
  }
}
