package dev.seq2seq4j.keras.h5;

import io.jhdf.AbstractNode;
import io.jhdf.ObjectHeader;
import io.jhdf.api.Group;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.LinkInfoMessage;
import io.jhdf.object.message.LinkMessage;
import io.jhdf.object.message.SymbolTableMessage;
import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks the structures jHDF parses eagerly before it parses them, each block once, with a
 * budget. jHDF follows every reference it finds: a hostile file whose B-tree nodes or object
 * header continuations refer to one shared block (a few KiB of file) would make it build an
 * exponential or huge number of objects, a hang and an exhausted heap that no later check
 * could stop.
 *
 * <ul>
 *   <li>An old-style group (a symbol table: every group h5py writes for Keras) has its B-tree
 *       walked with each node visited once; a node reached twice or more entries than {@link
 *       H5Limits#maxChildren()} is refused.
 *   <li>Before jHDF lists a group it reads every child's object header: those headers are
 *       walked first, each continuation block once, and their messages are counted against
 *       a per-file budget of 32 per allowed child.
 *   <li>HDF5's dense storage of links or attributes (a fractal heap indexed by a version-2
 *       B-tree) is refused: no Keras writer produces it (h5py only with {@code
 *       libver="latest"} and many links; jHDF never).
 * </ul>
 */
final class H5Structure {

  private static final long UNDEFINED_ADDRESS = -1L;
  private static final byte[] TREE = "TREE".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SNOD = "SNOD".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OHDR = "OHDR".getBytes(StandardCharsets.US_ASCII);
  private static final int CONTINUATION = 0x10;
  private static final int SOFT_LINK_CACHE = 2;
  /** Header messages allowed per file, per child allowed in a group. */
  static final int MESSAGES_PER_CHILD = 32;

  private H5Structure() {}

  /**
   * Checks one object header before jHDF parses it (the root group's, when a file opens).
   *
   * @param reader the file
   * @param address the header's address
   * @param location its path, for messages
   */
  static void checkHeader(H5Reader reader, long address, String location) {
    HdfBackingStorage storage = reader.storage();
    reader.guard(location, () -> {
      reader.spendHeaderMessages(location, headerMessages(reader, storage, address, location));
      return null;
    });
  }

  /**
   * Checks how a group stores its links, and its children's headers, before jHDF lists them.
   *
   * @param reader the file
   * @param group the group
   * @param location its path, for messages
   */
  static void checkLinks(H5Reader reader, Group group, String location) {
    HdfBackingStorage storage = reader.storage();
    ObjectHeader header = header(reader, storage, group, location);
    reader.guard(location, () -> {
      List<Long> children;
      if (header.hasMessageOfType(SymbolTableMessage.class)) {
        children = walkSymbolTable(reader, storage,
            header.getMessageOfType(SymbolTableMessage.class).getBTreeAddress(), location);
      } else if (header.hasMessageOfType(LinkInfoMessage.class)
          && header.getMessageOfType(LinkInfoMessage.class).getBTreeNameIndexAddress()
              != UNDEFINED_ADDRESS) {
        throw reader.error(location, "stores its links in HDF5's dense format (a fractal "
            + "heap), which Keras files never use and which is not read");
      } else {
        children = new ArrayList<>();
        for (LinkMessage link : header.getMessagesOfType(LinkMessage.class)) {
          if (link.getLinkType() == LinkMessage.LinkType.HARD) {
            children.add(link.getHardLinkAddress());
          }
        }
      }
      if (children.size() > reader.limits().maxChildren()) {
        throw reader.error(location, "lists more children than the limit of "
            + reader.limits().maxChildren());
      }
      for (long child : children) {
        reader.spendHeaderMessages(location, headerMessages(reader, storage, child, location));
      }
      return null;
    });
  }

  /**
   * Checks how a group stores its attributes, before they are listed.
   *
   * @param reader the file
   * @param group the group
   * @param location its path, for messages
   */
  static void checkAttributes(H5Reader reader, Group group, String location) {
    ObjectHeader header = header(reader, reader.storage(), group, location);
    reader.guard(location, () -> {
      if (header.hasMessageOfType(AttributeInfoMessage.class)
          && header.getMessageOfType(AttributeInfoMessage.class).getFractalHeapAddress()
              != UNDEFINED_ADDRESS) {
        throw reader.error(location, "stores its attributes in HDF5's dense format (a fractal "
            + "heap), which Keras files never use and which is not read");
      }
      return null;
    });
  }

  private static ObjectHeader header(H5Reader reader, HdfBackingStorage storage, Group group,
      String location) {
    return reader.guard(location, () -> group instanceof AbstractNode node
        ? node.getHeader() : ObjectHeader.readObjectHeader(storage, group.getAddress()));
  }

  /**
   * Walks a group B-tree (version 1) as jHDF will and returns the object header addresses of
   * the entries in its symbol table nodes (soft links have none).
   */
  private static List<Long> walkSymbolTable(H5Reader reader, HdfBackingStorage storage,
      long root, String location) {
    int offsets = storage.getSizeOfOffsets();
    int lengths = storage.getSizeOfLengths();
    int budget = reader.limits().maxChildren();
    int entrySize = 2 * offsets + 24;
    List<Long> children = new ArrayList<>();
    Set<Long> visited = new HashSet<>();
    Deque<Long> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      long address = pending.pop();
      if (!visited.add(address)) {
        throw reader.error(location, "has a B-tree that refers to one node twice");
      }
      if (visited.size() > budget) {
        throw reader.error(location, "has a B-tree of more nodes than the limit of " + budget
            + " children");
      }
      int headerSize = 8 + 2 * offsets;
      ByteBuffer node = read(storage, address, headerSize);
      expectSignature(reader, node, TREE, location, "B-tree node");
      if (node.get(4) != 0) {
        throw reader.error(location, "has a B-tree node of type " + node.get(4)
            + " where a group node (type 0) belongs");
      }
      boolean leaf = node.get(5) <= 0; // jHDF reads the level as a signed byte
      int entries = node.getShort(6) & 0xffff;
      // jHDF skips a key of the offset size in inner nodes and of the length size in leaves.
      int keySize = leaf ? lengths : offsets;
      ByteBuffer body = read(storage, address + headerSize, entries * (keySize + offsets));
      for (int i = 0; i < entries; i++) {
        long child = H5Strings.unsigned(body, i * (keySize + offsets) + keySize, offsets);
        if (!leaf) {
          pending.push(child);
          continue;
        }
        ByteBuffer table = read(storage, child, 8);
        expectSignature(reader, table, SNOD, location, "symbol table node");
        int symbols = Math.max(0, table.getShort(6)); // a signed count, as jHDF reads it
        if (children.size() + symbols > budget) {
          throw reader.error(location, "lists more children than the limit of " + budget);
        }
        ByteBuffer list = read(storage, child + 8, symbols * entrySize);
        for (int s = 0; s < symbols; s++) {
          int at = s * entrySize;
          int cacheType = list.getInt(at + 2 * offsets);
          if (cacheType != SOFT_LINK_CACHE) {
            children.add(H5Strings.unsigned(list, at + offsets, offsets));
          }
        }
      }
    }
    return children;
  }

  /** Counts the messages jHDF will parse in one object header, following continuations. */
  private static long headerMessages(H5Reader reader, HdfBackingStorage storage, long address,
      String location) {
    ByteBuffer first = read(storage, address, 1);
    return first.get(0) == 1 ? version1Messages(reader, storage, address, location)
        : version2Messages(reader, storage, address, location);
  }

  private static long version1Messages(H5Reader reader, HdfBackingStorage storage,
      long address, String location) {
    ByteBuffer prefix = read(storage, address, 12);
    int claimed = prefix.getShort(2) & 0xffff;
    long size = prefix.getInt(8) & 0xffffffffL;
    int offsets = storage.getSizeOfOffsets();
    Deque<long[]> blocks = new ArrayDeque<>();
    blocks.add(new long[] {address + 16, size});
    Set<Long> seen = new HashSet<>();
    long parsed = 0;
    while (!blocks.isEmpty() && parsed < claimed) {
      long[] block = blocks.poll();
      if (!seen.add(block[0])) {
        throw reader.error(location, "has an object header that continues into one block twice");
      }
      ByteBuffer bb = read(storage, block[0], block[1]);
      int pos = 0;
      while (bb.limit() - pos > 4 && parsed < claimed) {
        pos = (pos + 7) & ~7; // version 1 messages are aligned to 8 bytes
        if (bb.limit() - pos < 8) {
          break;
        }
        int type = bb.getShort(pos) & 0xffff;
        int dataSize = bb.getShort(pos + 2) & 0xffff;
        pos += 8;
        parsed++;
        if (type == CONTINUATION && bb.limit() - pos >= 2 * offsets) {
          // jHDF reads the continuation's length with the offset size.
          blocks.add(new long[] {H5Strings.unsigned(bb, pos, offsets),
              H5Strings.unsigned(bb, pos + offsets, offsets)});
        }
        pos += dataSize;
      }
    }
    return parsed;
  }

  private static long version2Messages(H5Reader reader, HdfBackingStorage storage,
      long address, String location) {
    ByteBuffer prefix = read(storage, address, 6);
    for (int i = 0; i < OHDR.length; i++) {
      if (prefix.get(i) != OHDR[i]) {
        return 0; // not a header at all: jHDF refuses it without parsing messages
      }
    }
    int flags = prefix.get(5) & 0xff;
    long at = address + 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
    int sizeBytes = 1 << (flags & 0x03);
    long chunk0 = H5Strings.unsigned(read(storage, at, sizeBytes), 0, sizeBytes);
    int extra = (flags & 0x04) != 0 ? 2 : 0; // creation order per message
    int offsets = storage.getSizeOfOffsets();
    Deque<long[]> blocks = new ArrayDeque<>();
    blocks.add(new long[] {at + sizeBytes, chunk0, 0});
    Set<Long> seen = new HashSet<>();
    long parsed = 0;
    while (!blocks.isEmpty()) {
      long[] block = blocks.poll();
      if (!seen.add(block[0])) {
        throw reader.error(location, "has an object header that continues into one block twice");
      }
      ByteBuffer bb = read(storage, block[0], block[1]);
      int pos = (int) block[2]; // continuation blocks start with their signature
      while (bb.limit() - pos >= 8) {
        int type = bb.get(pos) & 0xff;
        int dataSize = bb.getShort(pos + 1) & 0xffff;
        pos += 4 + extra;
        parsed++;
        if (type == CONTINUATION && bb.limit() - pos >= 2 * offsets) {
          blocks.add(new long[] {H5Strings.unsigned(bb, pos, offsets),
              H5Strings.unsigned(bb, pos + offsets, offsets), 4});
        }
        pos += dataSize;
      }
    }
    return parsed;
  }

  private static ByteBuffer read(HdfBackingStorage storage, long address, long length) {
    if (length < 0 || length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a block of " + length + " bytes");
    }
    return storage.readBufferFromAddress(address, (int) length).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void expectSignature(H5Reader reader, ByteBuffer buffer, byte[] signature,
      String location, String what) {
    for (int i = 0; i < signature.length; i++) {
      if (buffer.get(i) != signature[i]) {
        throw reader.error(location, "has a damaged " + what + " (no "
            + new String(signature, StandardCharsets.US_ASCII) + " signature)");
      }
    }
  }
}
