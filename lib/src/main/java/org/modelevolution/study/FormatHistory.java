package org.modelevolution.study;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A group's format table ({@code repositories_evolution_{group}_commits_processed.csv}, one row
 * per model file in the tree of each model-touching commit) reduced, while it streams, to what the
 * analyses compute from it: per repository its commits with the count of files of each format
 * (all files in the tree, and those the commit added), per repository and year the newest row,
 * per year the count of files of each format, and the added files themselves. Memory grows with
 * repositories, commits and added files, not with rows: the largest groups have hundreds of rows
 * per commit.
 *
 * <p>Order is the table's: repositories and their commits appear in the order of their first row,
 * added files in file order. {@link #concat} combines two histories exactly as concatenating their
 * tables would (the study's "both" group, or the shards of a sharded run).
 *
 * <p>Formats are kept as written, {@code undetermined} ones included; which formats count is the
 * analyses' rule, not the reader's.
 *
 * @param repositories per repository id, in order of first appearance
 * @param addedFiles the rows whose file the commit added (change status {@code +}), in file order
 * @param yearlyFormats per calendar year of the row's commit time, the rows of each format
 * @param rows the number of rows reduced
 */
public record FormatHistory(
    Map<String, Repository> repositories,
    List<AddedFile> addedFiles,
    Map<Integer, Map<String, Long>> yearlyFormats,
    long rows) {

  public FormatHistory {
    repositories = Collections.unmodifiableMap(repositories);
    addedFiles = Collections.unmodifiableList(addedFiles);
    yearlyFormats = Collections.unmodifiableMap(yearlyFormats);
  }

  /**
   * A repository's rows.
   *
   * @param commits its commits, in order of first appearance
   * @param firstRowDate the earliest commit time of its rows
   * @param lastRowDate the latest commit time of its rows
   * @param lastRowDateByYear per calendar year, the latest commit time of its rows in that year
   */
  public record Repository(String id, List<Commit> commits, LocalDateTime firstRowDate, LocalDateTime lastRowDate,
      Map<Integer, LocalDateTime> lastRowDateByYear) {}

  /**
   * A commit's rows.
   *
   * @param date the commit time of its first row
   * @param addsFiles whether a row's file was added by the commit (any format)
   * @param formats files of each format in the tree after the commit (its rows)
   * @param addedFormats files of each format the commit added
   */
  public record Commit(String hash, LocalDateTime date, boolean addsFiles, Map<String, Long> formats,
      Map<String, Long> addedFormats) {}

  /** A row whose file its commit added. */
  public record AddedFile(String repo, LocalDateTime date, String format) {}

  /**
   * The history of {@code first}'s rows followed by {@code second}'s, as one table of both would
   * read. A repository of only one of them is shared, not copied; one in both is merged.
   */
  public static FormatHistory concat(FormatHistory first, FormatHistory second) {
    Map<String, Repository> repositories = new LinkedHashMap<>(first.repositories());
    second.repositories().forEach((id, r) -> repositories.merge(id, r, FormatHistory::merged));
    List<AddedFile> added = new ArrayList<>(first.addedFiles().size() + second.addedFiles().size());
    added.addAll(first.addedFiles());
    added.addAll(second.addedFiles());
    Map<Integer, Map<String, Long>> yearly = new TreeMap<>();
    for (FormatHistory history : List.of(first, second)) {
      history.yearlyFormats().forEach((year, counts) -> {
        Map<String, Long> target = yearly.computeIfAbsent(year, y -> new TreeMap<>());
        counts.forEach((f, n) -> target.merge(f, n, Long::sum));
      });
    }
    Map<Integer, Map<String, Long>> frozen = new TreeMap<>();
    yearly.forEach((year, counts) -> frozen.put(year, Collections.unmodifiableMap(counts)));
    return new FormatHistory(repositories, Collections.unmodifiableList(added), frozen, first.rows() + second.rows());
  }

  /** A repository's rows of one table followed by its rows of another. */
  private static Repository merged(Repository first, Repository second) {
    RepositoryBuilder builder = new RepositoryBuilder(first.id());
    for (Repository r : List.of(first, second)) {
      for (Commit c : r.commits()) {
        CommitBuilder commit = builder.commits.computeIfAbsent(c.hash(), h -> new CommitBuilder(h, c.date()));
        commit.addsFiles |= c.addsFiles();
        c.formats().forEach((f, n) -> commit.formats.merge(f, n, Long::sum));
        c.addedFormats().forEach((f, n) -> commit.addedFormats.merge(f, n, Long::sum));
      }
      builder.seen(r.firstRowDate());
      builder.seen(r.lastRowDate());
      r.lastRowDateByYear().forEach((year, date) -> builder.lastByYear.merge(year, date, Builder::later));
    }
    return builder.build();
  }

  /**
   * The histories of the shards of a sharded run merged as one pass over the merged table reads:
   * that table (what {@code mine-hub merge} writes) holds each repository's rows as one block, in
   * the selection's order, so the merge takes each repository from the shard that holds it in
   * {@code order} (repositories not in it follow, in shard order).
   */
  public static FormatHistory merge(List<FormatHistory> shards, List<String> order) {
    Map<String, Repository> byId = new java.util.HashMap<>();
    Map<String, List<AddedFile>> addedByRepo = new java.util.HashMap<>();
    List<String> unordered = new ArrayList<>();
    Map<Integer, Map<String, Long>> yearly = new TreeMap<>();
    long rows = 0;
    for (FormatHistory shard : shards) {
      byId.putAll(shard.repositories());
      unordered.addAll(shard.repositories().keySet());
      shard.addedFiles().forEach(f -> addedByRepo.computeIfAbsent(f.repo(), r -> new ArrayList<>()).add(f));
      shard.yearlyFormats().forEach((year, counts) -> {
        Map<String, Long> target = yearly.computeIfAbsent(year, y -> new TreeMap<>());
        counts.forEach((f, n) -> target.merge(f, n, Long::sum));
      });
      rows += shard.rows();
    }
    Map<String, Repository> repositories = new LinkedHashMap<>();
    java.util.stream.Stream.concat(order.stream(), unordered.stream()).filter(byId::containsKey)
        .forEach(id -> repositories.putIfAbsent(id, byId.get(id)));
    List<AddedFile> added = new ArrayList<>();
    repositories.keySet().forEach(id -> added.addAll(addedByRepo.getOrDefault(id, List.of())));
    Map<Integer, Map<String, Long>> frozen = new TreeMap<>();
    yearly.forEach((year, counts) -> frozen.put(year, Collections.unmodifiableMap(counts)));
    return new FormatHistory(repositories, List.copyOf(added), frozen, rows);
  }

  /** Accumulates rows in table order. Not thread-safe: one builder per reading thread. */
  static final class Builder {
    private final Map<String, RepositoryBuilder> repositories = new LinkedHashMap<>();
    private final List<AddedFile> addedFiles = new ArrayList<>();
    private final Map<Integer, Map<String, Long>> yearlyFormats = new TreeMap<>();
    private long rows;
    private RepositoryBuilder lastRepository;
    private CommitBuilder lastCommit;

    /** One row: a file of {@code format} in {@code commit}'s tree, added by it when {@code added}. */
    void add(String repo, String commit, LocalDateTime date, String format, boolean added) {
      rows++;
      CommitBuilder c = commit(repo, commit, date);
      c.formats.merge(format, 1L, Long::sum);
      if (added) {
        c.addsFiles = true;
        c.addedFormats.merge(format, 1L, Long::sum);
        addedFiles.add(new AddedFile(repo, date, format));
      }
      lastRepository.seen(date);
      yearlyFormats.computeIfAbsent(date.getYear(), y -> new TreeMap<>()).merge(format, 1L, Long::sum);
    }

    private CommitBuilder commit(String repo, String hash, LocalDateTime date) {
      // rows come grouped by repository and commit: most rows hit the last ones
      if (lastRepository == null || !lastRepository.id.equals(repo)) {
        lastRepository = repositories.computeIfAbsent(repo, RepositoryBuilder::new);
        lastCommit = null;
      }
      if (lastCommit == null || !lastCommit.hash.equals(hash)) {
        lastCommit = lastRepository.commits.computeIfAbsent(hash, h -> new CommitBuilder(h, date));
      }
      return lastCommit;
    }

    FormatHistory build() {
      Map<String, Repository> built = new LinkedHashMap<>();
      repositories.forEach((id, r) -> built.put(id, r.build()));
      Map<Integer, Map<String, Long>> yearly = new TreeMap<>();
      yearlyFormats.forEach((year, counts) -> yearly.put(year, Collections.unmodifiableMap(counts)));
      return new FormatHistory(built, List.copyOf(addedFiles), yearly, rows);
    }

    private static LocalDateTime later(LocalDateTime a, LocalDateTime b) {
      return b.isAfter(a) ? b : a;
    }
  }

  private static final class RepositoryBuilder {
    final String id;
    final Map<String, CommitBuilder> commits = new LinkedHashMap<>();
    final Map<Integer, LocalDateTime> lastByYear = new TreeMap<>();
    LocalDateTime first;
    LocalDateTime last;

    RepositoryBuilder(String id) {
      this.id = id;
    }

    void seen(LocalDateTime date) {
      first = first == null || date.isBefore(first) ? date : first;
      last = last == null || date.isAfter(last) ? date : last;
      lastByYear.merge(date.getYear(), date, Builder::later);
    }

    Repository build() {
      List<Commit> built = new ArrayList<>(commits.size());
      commits.values().forEach(c -> built.add(c.build()));
      return new Repository(id, List.copyOf(built), first, last, Collections.unmodifiableMap(lastByYear));
    }
  }

  private static final class CommitBuilder {
    final String hash;
    final LocalDateTime date;
    final Map<String, Long> formats = new TreeMap<>();
    final Map<String, Long> addedFormats = new TreeMap<>();
    boolean addsFiles;

    CommitBuilder(String hash, LocalDateTime date) {
      this.hash = hash;
      this.date = date;
    }

    Commit build() {
      return new Commit(hash, date, addsFiles, Collections.unmodifiableMap(formats),
          addedFormats.isEmpty() ? Map.of() : Collections.unmodifiableMap(addedFormats));
    }
  }
}
