package dev.seq2seq4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * Reads what TensorFlow actually executed in one traced run. The timed loops of the benchmark
 * read none of their results, and Grappler may prune such work; a loop is trusted only after a
 * trace shows its ops ran.
 */
final class Traces {
  private Traces() {}

  /**
   * Runs {@code target} once with a full trace.
   *
   * @return the run's metadata, or null if TensorFlow returned none
   */
  static RunMetadata traceOnce(Session session, Op target) {
    try (Result res = session.runner().addTarget(target).setOptions(RunOptions.newBuilder()
        .setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build()).runAndFetchMetadata()) {
      return res.getMetadata().orElse(null);
    }
  }

  /** The op type of an executed node and the names of its inputs, as its trace label gives them. */
  record Call(String type, List<String> inputs) {}

  /** The executed nodes whose op type passes {@code type}; 0 for a missing trace. */
  static long count(RunMetadata metadata, Predicate<String> type) {
    return calls(metadata).stream().filter(c -> type.test(c.type())).count();
  }

  /** Every executed node's call, in execution order; empty for a missing trace. */
  static List<Call> calls(RunMetadata metadata) {
    List<Call> calls = new ArrayList<>();
    if (metadata != null) {
      for (DeviceStepStats d : metadata.getStepStats().getDevStatsList()) {
        for (NodeExecStats n : d.getNodeStatsList()) {
          Call c = call(n.getTimelineLabel());
          if (c != null) {
            calls.add(c);
          }
        }
      }
    }
    return calls;
  }

  /**
   * Parses a trace label, {@code "name = OpType(input, input, ...)"} (oneDNN builds name some
   * types {@code _Mkl...}).
   *
   * @return the call, or null if the label has another form
   */
  static Call call(String label) {
    int eq = label.indexOf(" = ");
    int open = eq < 0 ? -1 : label.indexOf('(', eq);
    int close = label.lastIndexOf(')');
    if (open < 0 || close < open) {
      return null;
    }
    String args = label.substring(open + 1, close).trim();
    return new Call(label.substring(eq + 3, open),
        args.isEmpty() ? List.of() : List.of(args.split(", ")));
  }
}
