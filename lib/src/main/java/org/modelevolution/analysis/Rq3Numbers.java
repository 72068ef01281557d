package org.modelevolution.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.modelevolution.study.DiscussionActivity;
import org.modelevolution.study.PublishedNumber;
import org.modelevolution.study.RelevantBotPr;
import org.modelevolution.study.RelevantBotPrs;
import org.modelevolution.study.StudyData;

/** Every number the study published for RQ3, recomputed or with what it needs; and checks of the RQ3 inputs. */
final class Rq3Numbers {
  static final String AFTER_URL = "Number of PRs after filtering by URL";
  static final String REPOSITORIES = "Number of repositories";
  static final String AVERAGE = "Average number of PRs per repository";
  static final String HF_STAFF = "Number of PRs made by HF staff";
  static final String NON_HF_STAFF = "Number of PRs made by non-HF staff";
  static final String AFTER_FILTERING = "Number of PRs after filtering";
  /** The transcript's second reading of the printed 27: the criteria as the notebook's markdown states them. */
  static final String AFTER_FILTERING_STATED = AFTER_FILTERING
      + ", by the stated criteria (rq3_analysis.ipynb markdown cell 12: average comment size more than 4 words)";
  /** Where the relevance criteria are stated; the study's repository holds no paper text. */
  static final String STATED_WHERE = "rq3_analysis.ipynb markdown cell 12 (\"The average comment size is more than 4"
      + " words\"); its code (cell 13) keeps an average of >= 0 words";

  private Rq3Numbers() {}

  static List<Recomputed> of(StudyData data, Rq3Result result) {
    List<Recomputed> out = new ArrayList<>();
    List<String> tableInputs = data.botPrs().table().isPresent()
        ? List.of(org.modelevolution.study.BotPullRequests.ZIP_NAME) : List.of();
    for (PublishedNumber p : data.published().numbers()) {
      if (!p.rq().equals("RQ3")) {
        continue;
      }
      if (p.source().equals(Rq3.STATS_FILE) || p.source().equals(Rq3.NOV2024_STATS_FILE)) {
        Optional<MetricsTable> recomputed = p.source().equals(Rq3.STATS_FILE) ? result.stats() : result.nov2024Stats();
        Optional<String> value = recomputed.flatMap(t -> t.get(p.metric()));
        out.add(value.map(v -> Recomputed.fromRows(p.source(), "", p.metric(), v, tableInputs))
            .or(() -> arithmetic(data, p))
            .orElseGet(() -> Recomputed.missing(p.source(), "", p.metric(),
                p.source().equals(Rq3.STATS_FILE) ? Rq3.NO_PR_TABLE : Rq3.NO_NOV2024_TABLE)));
      } else if (p.source().startsWith("RQ3StatusDistribution")) {
        out.add(figureLabel(p, result, tableInputs));
      } else if (p.source().equals(Rq3.NOTEBOOK) && p.metric().equals(AFTER_FILTERING)) {
        out.add(relevantCount(data, p));
      } else if (p.source().equals(Rq3.NOTEBOOK) && p.metric().equals(AFTER_FILTERING_STATED)) {
        out.add(relevantCountStated(data, p));
      }
    }
    out.addAll(MethodFigureNumbers.of(data, "RQ3"));
    return out;
  }

  /**
   * The dataset rows the published table determines: the average is the kept PRs over the
   * repositories ({@code value_counts().mean()}); the kept PRs are the staff's plus the others'
   * (the notebook splits the same rows), compared in that form: HF staff + non-HF staff = kept.
   */
  private static Optional<Recomputed> arithmetic(StudyData data, PublishedNumber p) {
    List<String> inputs = List.of("published/" + p.source());
    Optional<String> kept = published(data, p.source(), AFTER_URL);
    if (p.metric().equals(AVERAGE)) {
      Optional<String> repositories = published(data, p.source(), REPOSITORIES);
      if (kept.isPresent() && repositories.isPresent()) {
        return Optional.of(Recomputed.fromPublished(p.source(), "", p.metric(),
            PythonFormat.repr(Double.parseDouble(kept.get()) / Double.parseDouble(repositories.get())), inputs,
            AFTER_URL + " / " + REPOSITORIES));
      }
    }
    if (p.metric().equals(AFTER_URL)) {
      Optional<String> staff = published(data, p.source(), HF_STAFF);
      Optional<String> others = published(data, p.source(), NON_HF_STAFF);
      if (staff.isPresent() && others.isPresent()) {
        long sum = Long.parseLong(staff.get()) + Long.parseLong(others.get());
        return Optional.of(Recomputed.fromPublished(p.source(), "", p.metric(), PythonFormat.repr((double) sum),
            inputs, "the published staff split: " + staff.get() + " (HF staff) + " + others.get() + " (non-HF staff) = "
                + sum));
      }
    }
    return Optional.empty();
  }

  /** A bar label of a status figure: {@code <bar> / <status> (%)}, one decimal as the study printed it. */
  private static Recomputed figureLabel(PublishedNumber p, Rq3Result result, List<String> inputs) {
    String metric = p.metric();
    int slash = metric.indexOf(" / ");
    String bar = metric.substring(0, slash);
    String status = metric.substring(slash + 3, metric.length() - " (%)".length());
    StatusDistribution distribution = result.distributions().get(p.source());
    String row = bar;
    if (bar.startsWith(StatusDistribution.ALL_YEARS + " (")) {
      // the combined figure carries the staff and non-staff all-years bars of the other two figures
      distribution = result.distributions().get(bar.contains("Non-HF")
          ? "RQ3StatusDistribution-Non-Hugging Face Staff.pdf" : "RQ3StatusDistribution-Hugging Face Staff.pdf");
      row = StatusDistribution.ALL_YEARS;
    }
    if (distribution == null) {
      return Recomputed.missing(p.source(), "", metric, Rq3.NO_PR_TABLE);
    }
    if (!distribution.rows().contains(row)) {
      return Recomputed.fromRows(p.source(), "", metric, "(no bar)", inputs);
    }
    return Recomputed.fromRows(p.source(), "", metric, PythonFormat.fixed(distribution.percent(row, status), 1), inputs);
  }

  /**
   * The notebook's count of relevant PRs, by its code's criteria (cell 13: at least 2 visible
   * comments, at least 2 non-bot authors, an average of at least 0 words): every row of the filtered
   * file is re-checked on its own columns. That the PR table holds no further PR passing them needs
   * the table itself.
   */
  private static Recomputed relevantCount(StudyData data, PublishedNumber p) {
    Optional<List<RelevantBotPr>> coded = data.botPrs().relevant();
    if (coded.isEmpty()) {
      return Recomputed.missing(p.source(), "", p.metric(), Rq3.NO_PR_TABLE + " or " + RelevantBotPrs.FILE_NAME);
    }
    long code = coded.get().stream().filter(Rq3::passesCode).count();
    return new Recomputed(p.source(), "", p.metric(), Optional.of(Long.toString(code)), Recomputed.Basis.INPUT_ROWS,
        List.of(RelevantBotPrs.FILE_NAME), "", Recomputed.Missing.NOTHING, Optional.empty(),
        "rows of " + RelevantBotPrs.FILE_NAME + " meeting the code's criteria (cell 13: >= 2 comments, >= 2 non-bot "
            + "authors, average >= 0 words)" + data.botPrs().table().map(t -> "; the PR table, refiltered, keeps "
            + t.prs().stream().filter(pr -> pr.activity().isRelevant(DiscussionActivity.CODE_MIN_AVERAGE_WORDS))
                .count()).orElse(""));
  }

  /** The same count by the criteria the notebook's markdown states (> 4 words): a stated-vs-code row. */
  private static Recomputed relevantCountStated(StudyData data, PublishedNumber p) {
    Optional<List<RelevantBotPr>> coded = data.botPrs().relevant();
    if (coded.isEmpty()) {
      return Recomputed.missing(p.source(), "", p.metric(), Rq3.NO_PR_TABLE + " or " + RelevantBotPrs.FILE_NAME);
    }
    long stated = coded.get().stream().filter(Rq3::passesStated).count();
    return Recomputed.statedVsCode(p.source(), "", p.metric(), stated, Recomputed.Basis.INPUT_ROWS,
        List.of(RelevantBotPrs.FILE_NAME), "stated in " + STATED_WHERE + ": " + stated + " of the "
            + coded.get().size() + " coded PRs average more than 4 words (their own columns)");
  }

  private static Optional<String> published(StudyData data, String source, String metric) {
    return data.published().value(source, "", metric);
  }

  static List<Check> checks(StudyData data, Rq3Result result) {
    List<Check> checks = new ArrayList<>();
    List<String> inputs = List.of(RelevantBotPrs.FILE_NAME);
    result.relevantChecks().ifPresent(c -> c.table().rows().forEach(row -> checks.add(new Check("RQ3",
        RelevantBotPrs.FILE_NAME + ": " + row.get(0), "0".equals(row.get(2)),
        row.get(2) + " of " + row.get(1) + " rows fail" + (row.get(3).isEmpty() ? "" : " (rows " + row.get(3) + ")"),
        inputs, RelevantPrChecks.knownQuirk(row.get(0))))));
    data.botPrs().relevant().ifPresent(rows -> published(data, Rq3.NOTEBOOK, AFTER_FILTERING).ifPresent(printed ->
        checks.add(new Check("RQ3", RelevantBotPrs.FILE_NAME + ": holds the " + printed
            + " PRs rq3_analysis.ipynb printed", Long.toString(rows.size()).equals(printed),
            rows.size() + " rows", inputs))));
    return checks;
  }
}
