package org.modelevolution.reproduction;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.modelevolution.analysis.Check;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The reproduction's records as Tablesaw tables, for notebooks. */
public final class ReproductionTables {
  private ReproductionTables() {}

  /** Published numbers next to the recomputed ones, with where each comes from. */
  public static Table comparisons(String name, List<Comparison> comparisons) {
    StringColumn group = StringColumn.create("group");
    StringColumn metric = StringColumn.create("metric");
    StringColumn published = StringColumn.create("published");
    StringColumn recomputed = StringColumn.create("recomputed");
    StringColumn status = StringColumn.create("status");
    StringColumn basis = StringColumn.create("basis");
    StringColumn needs = StringColumn.create("needs / note");
    for (Comparison c : comparisons) {
      group.append(c.number().group());
      metric.append(org.modelevolution.analysis.StudyExpressions.inWords(c.number().metric()));
      published.append(c.number().value());
      recomputed.append(c.recomputedValue());
      status.append(c.status().label());
      basis.append(c.basis());
      needs.append(c.isMissing() ? c.needs() : c.note());
    }
    return Table.create(name, group, metric, published, recomputed, status, basis, needs);
  }

  /**
   * Every comparison, one table per study file the numbers were published in (and per iteration),
   * in source order: the whole published-vs-recomputed list, every group.
   */
  public static List<Table> comparisonsBySource(List<Comparison> comparisons) {
    Map<String, List<Comparison>> bySource = new java.util.LinkedHashMap<>();
    comparisons.forEach(c -> bySource.computeIfAbsent(c.number().rq() + " · " + c.number().source()
        + ReproductionReport.iterationLabel(c.number().iteration()),
        k -> new java.util.ArrayList<>()).add(c));
    return bySource.entrySet().stream().map(e -> comparisons(e.getKey(), e.getValue())).toList();
  }

  /** Distinct published numbers per research question and status. */
  public static Table summary(List<Comparison> comparisons) {
    Map<String, Map<Comparison.Status, Integer>> counts = new TreeMap<>();
    comparisons.forEach(c -> counts.computeIfAbsent(c.number().rq(), k -> new EnumMap<>(Comparison.Status.class))
        .merge(c.status(), 1, Integer::sum));
    StringColumn rq = StringColumn.create("research question");
    Table table = Table.create("published numbers by status", rq);
    IntColumn total = IntColumn.create("distinct numbers");
    table.addColumns(total);
    for (Comparison.Status status : Comparison.Status.values()) {
      table.addColumns(IntColumn.create(status.label()));
    }
    counts.forEach((question, byStatus) -> {
      rq.append(question);
      total.append(byStatus.values().stream().mapToInt(Integer::intValue).sum());
      for (Comparison.Status status : Comparison.Status.values()) {
        table.intColumn(status.label()).append(byStatus.getOrDefault(status, 0));
      }
    });
    return table;
  }

  /** The consistency checks of the inputs. */
  public static Table checks(List<Check> checks) {
    StringColumn rq = StringColumn.create("RQ");
    StringColumn check = StringColumn.create("check");
    StringColumn holds = StringColumn.create("holds");
    StringColumn detail = StringColumn.create("detail");
    for (Check c : checks) {
      rq.append(c.rq());
      check.append(c.check());
      holds.append(c.verdict());
      detail.append(c.detail());
    }
    return Table.create("checks of the inputs", rq, check, holds, detail);
  }

  /** The study's figures and their counterparts. */
  public static Table figures(List<FigureCounterpart> figures) {
    StringColumn study = StringColumn.create("study figure");
    StringColumn here = StringColumn.create("here");
    StringColumn basis = StringColumn.create("rests on");
    for (FigureCounterpart f : figures) {
      study.append(f.studyFigure());
      here.append(f.files().isEmpty() ? "—" : f.files().get(0).getFileName().toString());
      basis.append(f.basis());
    }
    return Table.create("figures", study, here, basis);
  }
}
