package dev.seq2seq4j.keras.h5;

import io.jhdf.object.datatype.ArrayDataType;
import io.jhdf.object.datatype.BitField;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.OpaqueDataType;
import io.jhdf.object.datatype.Reference;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;

/** HDF5 element types named as numpy names them, for messages and {@code datasetType}. */
final class H5Types {

  private H5Types() {}

  /**
   * The numpy-style name of a type.
   *
   * @param type a jHDF type, or null
   * @return e.g. {@code float32}, {@code uint8}, {@code string}, {@code variable-length
   *     string}, {@code compound}
   */
  static String name(DataType type) {
    if (type instanceof FloatingPoint) {
      return "float" + type.getSize() * 8;
    }
    if (type instanceof FixedPoint fixed) {
      return (fixed.isSigned() ? "int" : "uint") + type.getSize() * 8;
    }
    if (type instanceof StringData) {
      return "string";
    }
    if (type instanceof VariableLength vlen) {
      return vlen.isVariableLengthString() ? "variable-length string" : "variable-length array";
    }
    if (type instanceof CompoundDataType) {
      return "compound";
    }
    if (type instanceof EnumDataType) {
      return "enum";
    }
    if (type instanceof ArrayDataType) {
      return "array";
    }
    if (type instanceof BitField) {
      return "bitfield";
    }
    if (type instanceof OpaqueDataType) {
      return "opaque";
    }
    if (type instanceof Reference) {
      return "reference";
    }
    return type == null ? "of no type" : "HDF5 type class " + type.getDataClass();
  }

  /** Whether a type is a float of a width jHDF decodes: 16, 32 or 64 bits, nothing padded. */
  static boolean isReadableFloat(DataType type) {
    return type instanceof FloatingPoint f
        && (f.getSize() == 2 || f.getSize() == 4 || f.getSize() == 8)
        && f.getBitPrecision() == f.getSize() * 8 && f.getBitOffset() == 0;
  }

  /** Whether a type is an integer of a width jHDF decodes: 8, 16, 32 or 64 bits. */
  static boolean isReadableInteger(DataType type) {
    return type instanceof FixedPoint f
        && (f.getSize() == 1 || f.getSize() == 2 || f.getSize() == 4 || f.getSize() == 8)
        && f.getBitPrecision() == f.getSize() * 8 && f.getBitOffset() == 0;
  }

  /** Whether a type holds plain numbers (of any width). */
  static boolean isNumeric(DataType type) {
    return type instanceof FloatingPoint || type instanceof FixedPoint;
  }
}
