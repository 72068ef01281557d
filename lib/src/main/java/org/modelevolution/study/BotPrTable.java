package org.modelevolution.study;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelevolution.progress.Progress;

/**
 * The SFConvertBot PR table of RQ3, read in one streaming pass over
 * {@code sfconvertbot_pr_metadata.csv[.zip]} with the study's preparation steps, counted as in
 * {@code rq3_dataset_stats.csv}:
 *
 * <ol>
 *   <li>keep PRs whose {@code time} date is on or before 2024-08-31 ("collected"; rows without a
 *       time fall out here, as pandas compares NaT as false);
 *   <li>drop rows with a missing field (pandas' {@code dropna()} with its default NA strings);
 *   <li>drop rows whose discussion metadata does not start with {@code {} ("invalid JSONs");
 *   <li>drop PRs opened on the converter Space ({@code /spaces/safetensors/convert/discussions}).
 * </ol>
 *
 * <p>The same pass also counts the November 2024 order of the steps that produced
 * {@code rq4_dataset_stats.csv} (all rows, missing values, JSON, date, URL), with that file's
 * date bound 2024-10-31 (inferred from its "Last commit time"). Pages whose JSON cannot be parsed
 * would have stopped the study's notebook; here they are listed in {@link #malformed()} and left
 * out of the per-PR results.
 *
 * <p>One thread inflates the table and splits its records, reading each page block where it lies
 * in the same walk over its bytes ({@link org.modelevolution.hub.StoredDiscussionPage.CsvFieldReader}, which passes the
 * values pages repeat with a comparison of bytes), and keeps the outcomes of the rows kept, in
 * file order. Values many PRs repeat are held once ({@link BotPrOutcome.Shared}).
 */
public final class BotPrTable {
  /** The final study's cut-off: PRs created up to and including this date. */
  public static final LocalDate CUTOFF = LocalDate.of(2024, 8, 31);
  /** The November 2024 iteration's upper date bound (inferred). */
  public static final LocalDate NOV2024_CUTOFF = LocalDate.of(2024, 10, 31);

  /** Repositories and creation-time range of the rows kept by a step order (parsed or not). */
  private static final class Kept {
    /** The kept rows' models, by their numbers (one look-up per row, in {@link BotPrRow.ModelIds}). */
    final java.util.BitSet models = new java.util.BitSet();
    long rows;
    String first;
    String last;

    Coverage coverage() {
      return new Coverage(rows, models.cardinality(), Optional.ofNullable(first), Optional.ofNullable(last));
    }

    void add(BotPrRow row) {
      rows++;
      models.set(row.modelNumber());
      first = first == null || row.time().compareTo(first) < 0 ? row.time() : first;
      last = last == null || row.time().compareTo(last) > 0 ? row.time() : last;
    }
  }

  private final Kept finalKept;
  private final Kept nov2024Kept;
  private final long[] finalSteps;
  private final long[] nov2024Steps;
  private final List<BotPrOutcome> prs;
  private final List<BotPrOutcome> nov2024Prs;
  private final List<String> malformed;

  private BotPrTable(Kept finalKept, Kept nov2024Kept, long[] finalSteps, long[] nov2024Steps,
      List<BotPrOutcome> prs, List<BotPrOutcome> nov2024Prs, List<String> malformed) {
    this.finalKept = finalKept;
    this.nov2024Kept = nov2024Kept;
    this.finalSteps = finalSteps;
    this.nov2024Steps = nov2024Steps;
    this.prs = List.copyOf(prs);
    this.nov2024Prs = List.copyOf(nov2024Prs);
    this.malformed = List.copyOf(malformed);
  }

  /** Reads and prepares the PR table at {@code file} (zip or CSV), silently. */
  public static BotPrTable load(Path file) {
    return load(file, Progress.silent());
  }

  /** Reads and prepares the PR table at {@code file} (zip or CSV), reporting bytes read to {@code progress}. */
  public static BotPrTable load(Path file, Progress progress) {
    return read(file, progress).value();
  }

  /** Reads and prepares the PR table at {@code file}, with the SHA-256 of the file, in one pass on this thread. */
  static Inputs.Parsed<BotPrTable> read(Path file, Progress progress) {
    long[] fin = new long[4];
    long[] nov = new long[5];
    Map<String, LocalDate> dateCache = new HashMap<>();
    BotPrRow.ModelIds modelIds = new BotPrRow.ModelIds();
    Kept finalKept = new Kept();
    Kept novKept = new Kept();
    BotPrOutcome.Shared shared = new BotPrOutcome.Shared();
    BotPrPageParser.WordCounts words = new BotPrPageParser.WordCounts();
    List<BotPrOutcome> prs = new ArrayList<>();
    List<BotPrOutcome> novPrs = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    String sha = BotPullRequests.forEach(file, progress, modelIds, row -> {
      Optional<LocalDate> date = row.time() == null ? Optional.empty() : parseDate(row.time(), dateCache);
      boolean complete = row.isComplete();
      boolean json = complete && row.hasJsonMetadata();
      boolean space = row.isOnConverterSpace();
      // final order: date, missing, JSON, URL
      boolean inWindow = date.isPresent() && !date.get().isAfter(CUTOFF);
      if (inWindow) {
        fin[0]++;
        if (complete) {
          fin[1]++;
          if (json) {
            fin[2]++;
            if (!space) {
              fin[3]++;
            }
          }
        }
      }
      // November 2024 order: all, missing, JSON, date, URL
      nov[0]++;
      boolean inNov = false;
      if (complete) {
        nov[1]++;
        if (json) {
          nov[2]++;
          if (date.isPresent() && !date.get().isAfter(NOV2024_CUTOFF)) {
            nov[3]++;
            if (!space) {
              nov[4]++;
              inNov = true;
            }
          }
        }
      }
      boolean inFinal = inWindow && json && !space;
      if (inFinal) {
        finalKept.add(row);
      }
      if (inNov) {
        novKept.add(row);
      }
      if (inFinal || inNov) {
        Object outcome = outcome(row, date.get(), shared, words);
        if (outcome instanceof BotPrOutcome pr) {
          if (inFinal) {
            prs.add(pr);
          }
          if (inNov) {
            novPrs.add(pr);
          }
        } else {
          malformed.add((String) outcome);
        }
      }
    });
    return new Inputs.Parsed<>(new BotPrTable(finalKept, novKept, fin, nov, prs, novPrs, malformed), sha);
  }

  /** A kept row's outcome, or {@code "url: reason"} when a page of it cannot be read. */
  private static Object outcome(BotPrRow row, LocalDate date, BotPrOutcome.Shared shared,
      BotPrPageParser.WordCounts words) {
    try {
      BotDiscussion discussion = BotPrPageParser.parseDiscussion(row.discussionPage(), words);
      BotPrHeader header = BotPrPageParser.parseHeader(row.headerPage());
      return BotPrOutcome.of(row.prUrl(), row.modelId(), row.time(), date, discussion, header, shared);
    } catch (BotPrPageParser.MalformedPageException | DateTimeParseException e) {
      return row.prUrl() + ": " + e.getMessage();
    }
  }

  private static Optional<LocalDate> parseDate(String time, Map<String, LocalDate> cache) {
    // the text before the first 'T', then before the first space (as split("T")[0].split(" ")[0]),
    // without split's machinery, which is called for every row
    String day = before(before(time, 'T'), ' ');
    LocalDate cached = cache.get(day);
    if (cached != null) {
      return Optional.of(cached);
    }
    try {
      LocalDate date = LocalDate.parse(day);
      cache.put(day, date);
      return Optional.of(date);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String before(String text, char c) {
    int at = text.indexOf(c);
    return at < 0 ? text : text.substring(0, at);
  }

  /** The PRs of the final RQ3 analysis (after all four steps), in file order. */
  public List<BotPrOutcome> prs() {
    return prs;
  }

  /** The PRs of the November 2024 step order (to 2024-10-31), in file order. */
  public List<BotPrOutcome> nov2024Prs() {
    return nov2024Prs;
  }

  /** Pages that passed the filters but whose JSON could not be parsed (URL: reason). */
  public List<String> malformed() {
    return malformed;
  }

  /** Rows kept after each step of the final order: collected (date), missing values, invalid JSON, URL. */
  public long[] finalSteps() {
    return finalSteps.clone();
  }

  /** Rows kept after each step of the November 2024 order: all, missing values, invalid JSON, date, URL. */
  public long[] nov2024Steps() {
    return nov2024Steps.clone();
  }

  /** What the rows kept by the final order cover. */
  public Coverage finalCoverage() {
    return finalKept.coverage();
  }

  /** What the rows kept by the November 2024 order cover. */
  public Coverage nov2024Coverage() {
    return nov2024Kept.coverage();
  }

  /**
   * Repositories and creation-time range of the kept rows (text order of the {@code time}
   * column, as pandas' min/max on strings); {@code first}/{@code last} are empty without rows.
   */
  public record Coverage(long rows, long repositories, Optional<String> first, Optional<String> last) {}
}
