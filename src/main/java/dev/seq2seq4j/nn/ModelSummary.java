package dev.seq2seq4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats a {@link Model} as Keras prints {@code model.summary()}. */
final class ModelSummary {
  private ModelSummary() {}

  static String of(Model model) {
    boolean seq = model.isSequential();
    int[] widths = seq ? new int[] {29, 26, 10} : new int[] {32, 25, 10, 31};
    String[] header =
        seq
            ? new String[] {"Layer (type)", "Output Shape", "Param #"}
            : new String[] {"Layer (type)", "Output Shape", "Param #", "Connected to"};
    int total = 0;
    for (int w : widths) {
      total += w;
    }
    StringBuilder sb = new StringBuilder();
    sb.append("Model: \"").append(model.name()).append("\"\n");
    sb.append("_".repeat(total)).append('\n');
    row(sb, widths, header);
    sb.append("=".repeat(total)).append('\n');
    List<String[]> rows = new ArrayList<>();
    if (!seq) {
      for (SymbolicTensor in : model.inputs()) {
        Layer l = in.producer().layer();
        rows.add(new String[] {label(l), "[" + Shapes.withBatch(in.shape()) + "]", "0", ""});
      }
    }
    for (Node n : model.nodes()) {
      Layer l = n.layer();
      List<String> shapes = new ArrayList<>();
      for (SymbolicTensor o : n.outputs()) {
        shapes.add(Shapes.withBatch(o.shape()));
      }
      String shape = shapes.size() == 1 ? shapes.get(0) : "[" + String.join(", ", shapes) + "]";
      String params = String.valueOf(l.parameterCount());
      rows.add(
          seq
              ? new String[] {label(l), shape, params}
              : new String[] {label(l), shape, params, String.join(", ", Model.connections(n))});
    }
    for (int i = 0; i < rows.size(); i++) {
      row(sb, widths, rows.get(i));
      sb.append(i == rows.size() - 1 ? "=".repeat(total) : "_".repeat(total)).append('\n');
    }
    long all = model.parameterCount();
    long trainable = model.trainableParameterCount();
    sb.append(String.format(Locale.ROOT, "Total params: %,d%n", all));
    sb.append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainable));
    sb.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", all - trainable));
    sb.append("_".repeat(total)).append('\n');
    return sb.toString();
  }

  private static String label(Layer l) {
    return l.name() + " (" + l.typeName() + ")";
  }

  private static void row(StringBuilder sb, int[] widths, String[] cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i];
      String padded = i == cells.length - 1 ? cell : String.format("%-" + widths[i] + "s", cell + " ");
      line.append(padded);
    }
    sb.append(line.toString().stripTrailing()).append('\n');
  }
}
