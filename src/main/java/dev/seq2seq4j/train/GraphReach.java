package dev.seq2seq4j.train;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;

/** Which ops a value depends on through data inputs, walked in Java before asking for gradients. */
final class GraphReach {
  private GraphReach() {}

  /**
   * The names of every op {@code value} depends on through data inputs, itself included.
   * TensorFlow's {@code addGradients} refuses variables outside this set ("unreachable").
   */
  static Set<String> opsReaching(Operand<?> value) {
    Set<String> seen = new HashSet<>();
    Deque<GraphOperation> todo = new ArrayDeque<>();
    todo.push((GraphOperation) value.op());
    while (!todo.isEmpty()) {
      GraphOperation op = todo.pop();
      if (!seen.add(op.name())) {
        continue;
      }
      for (int i = 0; i < op.numInputs(); i++) {
        todo.push((GraphOperation) op.input(i).op());
      }
    }
    return seen;
  }
}
