package dev.seq2seq4j.cli;

import dev.seq2seq4j.interop.ImportedModel;
import dev.seq2seq4j.interop.ModelFile;
import dev.seq2seq4j.interop.ModelFiles;
import dev.seq2seq4j.interop.parity.ParityFile;
import dev.seq2seq4j.interop.parity.ParityFileWriter;
import dev.seq2seq4j.interop.savedmodel.SavedModelExporter;
import dev.seq2seq4j.keras.KerasArchive;
import dev.seq2seq4j.keras.LegacyH5;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code convert INPUT OUTPUT}: a model file from one format to another, through the native
 * rebuild: to a SavedModel folder (for TensorFlow Serving; with a parity.json of probes), a
 * {@code .keras} archive or a legacy {@code .h5} file, chosen by OUTPUT's name.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Convert a model file (SavedModel folder, .keras, .h5) to a SavedModel folder "
        + "(OUTPUT without .keras/.h5), a .keras archive or a legacy .h5 file.")
final class ConvertCommand implements Runnable {
  private final Io io;

  @Parameters(index = "0", paramLabel = "INPUT", description = "The model file to read.")
  Path input;

  @Parameters(index = "1", paramLabel = "OUTPUT",
      description = "OUT.keras, OUT.h5, or a new SavedModel folder.")
  Path output;

  @Option(names = "--input-shape", paramLabel = "NAME=D1,D2", split = ";",
      description = "Per-sample shape for an Input with unknown sizes, e.g. input_1=6,14.")
  List<String> inputShapes;

  ConvertCommand(Io io) {
    this.io = io;
  }

  @Override
  public void run() {
    String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean keras = name.endsWith(".keras");
    boolean h5 = name.endsWith(".h5") || name.endsWith(".hdf5");
    if (keras || h5) {
      OutputPaths.file("OUTPUT", output, keras ? ".keras" : name.substring(name.lastIndexOf('.')));
    } else {
      OutputPaths.folder("OUTPUT", output);
      SavedModelExporter.checkTarget(output);
    }
    Map<String, long[]> shapes = ParityCommand.parseShapes(inputShapes);
    ModelFile file = ModelFiles.open(input);
    ImportedModel m = ImportedModel.from(file, shapes, null);
    if (keras) {
      KerasArchive.write(output, m.model(), m.weights());
    } else if (h5) {
      LegacyH5.write(output, m.model(), m.weights());
    } else {
      SavedModelExporter.export(m.model(), m.weights(), output, Set.of(),
          dir -> ParityFileWriter.write(dir, "converted from " + input.getFileName(), 0,
              m.model(), new ParityFile.Training(null, null, null, null, null, null, null, null,
                  null)));
    }
    io.out().println("converted " + input + " (" + m.format() + ", " + m.version() + ") to "
        + output);
    io.out().flush();
  }
}
