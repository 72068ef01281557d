package org.modelevolution.reproduction;

import java.util.List;
import org.modelevolution.io.PandasCsv;

/**
 * {@code reproduction.csv}: one row per distinct published number,
 * {@code rq,iteration,group,source,metric,published,recomputed,status,basis,inputs,needs,note}.
 */
final class ReproductionCsv {
  static final List<String> HEADER = List.of("rq", "iteration", "group", "source", "metric", "published",
      "recomputed", "status", "basis", "inputs", "needs", "note");

  private ReproductionCsv() {}

  static String render(List<Comparison> comparisons) {
    StringBuilder csv = new StringBuilder(PandasCsv.line(HEADER));
    for (Comparison c : comparisons) {
      var n = c.number();
      csv.append(PandasCsv.line(List.of(n.rq(), n.iteration(), n.group(), n.source(), n.metric(), n.value(),
          c.recomputedValue(), c.status().label(), c.basis(), c.inputs(), c.needs(), c.note())));
    }
    return csv.toString();
  }
}
