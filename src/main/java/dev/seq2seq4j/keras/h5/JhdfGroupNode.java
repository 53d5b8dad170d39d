package dev.seq2seq4j.keras.h5;

import io.jhdf.WritableDatasetImpl;
import io.jhdf.WritableGroupImpl;
import io.jhdf.api.Group;
import io.jhdf.api.WritableGroup;
import io.jhdf.storage.HdfFileChannel;

/**
 * A group for jHDF's writer that leaves the file position at its own end.
 *
 * <p>Works around a jHDF 0.13.0 bug: a group's object header is written at an explicit
 * offset, which does not move the file position, and when the file is closed jHDF appends
 * its version string at the current position. If the last object written is a group (Keras
 * files are full of empty {@code vars} groups, and jHDF writes children in hash order), the
 * position is still at the end of the last dataset, which is where that group's header
 * starts, and the version string overwrites it: h5py then fails with "bad object header
 * version number". Moving the position to the end of every group once it is written makes
 * the version string land after everything, as intended.
 *
 * <p>jHDF accepts a prepared node only as a dataset, so this extends its dataset class (with
 * a placeholder value that is never written) and writes a real group instead: the parent
 * links to it by address, and every reader sees a group.
 */
final class JhdfGroupNode extends WritableDatasetImpl {

  private final WritableGroupImpl group;

  private JhdfGroupNode(WritableGroupImpl group, String name, Group parent) {
    super(new byte[] {0}, name, parent);
    this.group = group;
  }

  /**
   * Adds a new group to a jHDF group being written.
   *
   * @param parent the group to add to
   * @param name the new group's name
   * @return the new group, to fill
   */
  static WritableGroup add(WritableGroup parent, String name) {
    WritableGroupImpl group = new WritableGroupImpl(parent, name);
    parent.putDataset(name, new JhdfGroupNode(group, name, parent));
    return group;
  }

  @Override
  public long write(HdfFileChannel channel, long position) {
    long end = group.write(channel, position);
    channel.position(end);
    return end;
  }
}
