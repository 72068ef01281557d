package org.modelevolution.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.modelevolution.facts.SafetensorsReleaseTable;
import org.modelevolution.perception.Coding;
import org.modelevolution.perception.CodingDatabase;
import org.modelevolution.progress.Progress;

/**
 * The one door into the study's data: {@link #load} locates every input of every research
 * question, verifies each pinned file against the manifest before parsing it, parses it once and
 * records it for provenance.
 *
 * <p>Per group it takes the full input set when present ({@code selected_{group}_repos.json},
 * {@code selected_{group}_commits.csv}, {@code repositories_evolution_{group}_commits_processed.csv}),
 * otherwise the published addition files ({@code safetensors_commits_[not_]by_tool_{group}.csv}).
 * The commit log and format table may also be those of a sharded mining run, one pair per
 * {@code shards/<i>-of-<n>/} folder, merged in the selection's order.
 *
 * <p>Each large input is read in one streaming pass that also hashes it (the few-MB files are
 * hashed apart, pinned ones before parsing so that a modified file is reported as such); the
 * inputs are read side by side on a pool of one thread per core (at least two), and the commit
 * logs and format tables of 64 MB and more are parsed in chunks on that pool while one of its
 * threads hashes them ({@link CsvChunks}); the PR table is inflated and split, and its pages read
 * as it is split, on one of its threads ({@link BotPrTable}).
 */
public final class Study {
  private Study() {}

  /** Told of each input once it is read, parsed and hashed; called from the loading threads. */
  @FunctionalInterface
  public interface Listener {
    void read(InputFile file, Duration took);
  }

  /** Loads every input the sources hold. */
  public static StudyData load(StudySources sources) {
    return load(sources, (file, took) -> {});
  }

  /** Loads every input the sources hold, telling {@code listener} of each file read (progress, benchmarks). */
  public static StudyData load(StudySources sources, Listener listener) {
    if (!sources.fromCache() && sources.roots().stream().noneMatch(r -> Files.isDirectory(r.dir()))) {
      throw new StudyDataException("study data folder " + sources.dataDir()
          + " does not exist (set STUDY_DATA, or pass --data DIR)");
    }
    Inputs inputs = new Inputs(sources, listener);
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread thread = new Thread(r, "study-load");
      thread.setDaemon(true);
      return thread;
    });
    // the large commit logs and format tables are parsed in chunks: by the pool thread that reads
    // the file, and by helpers queued behind the other inputs, which join in as threads come free
    CsvChunks.Workers workers = CsvChunks.Workers.of(pool, threads - 1);
    try {
      // the inputs are independent until the "both" concatenation: read them side by side, longest
      // first (the recent commit log and then its format table; the PR table's page JSON and the
      // recent repository metadata, each read in one piece), so that the short ones and the chunks
      // fill in at the end
      List<CompletableFuture<GroupTables>> recentTables = tables(inputs, pool, workers, Group.RECENT);
      // the PR table is read, split and its pages parsed in one pass on one thread; the commit log's
      // chunk helpers take the thread it leaves
      CompletableFuture<StudyData.BotPrData> botPrs = async(pool, () -> botPrs(inputs));
      CompletableFuture<Optional<Map<String, Instant>>> recentCreated = async(pool, () -> created(inputs, Group.RECENT));
      List<CompletableFuture<GroupTables>> legacyTables = tables(inputs, pool, workers, Group.LEGACY);
      CompletableFuture<Optional<Map<String, Instant>>> legacyCreated = async(pool, () -> created(inputs, Group.LEGACY));
      // the coding database (SQLite: its driver unpacks and loads a native library) and the Stack
      // Overflow posts are read on the pool too: on the study's own few-MB data the load is mostly
      // the JVM's warm-up, which these spread over both cores instead of queueing it on this thread
      CompletableFuture<Optional<Coding>> coding = async(pool, () -> inputs.has(StudyFiles.CODING_DATABASE)
          ? Optional.of(inputs.read(StudyFiles.CODING_DATABASE, f -> Inputs.Parsed.unhashed(CodingDatabase.read(f)),
              CodingCache::read))
          : Optional.<Coding>empty());
      boolean hasPosts = inputs.has(StackOverflowPosts.FILE_NAME);
      CompletableFuture<Optional<List<StackOverflowPost>>> posts = async(pool, () -> hasPosts && !sources.fromCache()
          ? Optional.of(inputs.read(StackOverflowPosts.FILE_NAME, f -> Inputs.Parsed.unhashed(StackOverflowPosts.read(f))))
          : Optional.<List<StackOverflowPost>>empty());
      List<AdditionFile> publishedBoth = new ArrayList<>();
      for (String name : List.of(StudyFiles.byTool(Group.BOTH), StudyFiles.notByTool(Group.BOTH))) {
        if (inputs.has(name)) {
          publishedBoth.add(additionFile(inputs, name, name.contains("_by_tool"), Group.SAFETENSORS_RELEASE));
        }
      }
      StudyData.Releases releases = releases(inputs);
      Optional<StudyData.Iteration2024> iteration2024 = iteration2024(inputs);
      Optional<List<ScoredPost>> scoredPosts = hasPosts && sources.fromCache()
          ? Optional.of(inputs.read(StackOverflowPosts.FILE_NAME, f -> {
            throw new IllegalStateException("the cache is the source");
          }, table(StackOverflowPosts.FILE_NAME, StackOverflowPosts::readCache)))
          : Optional.empty();
      Published published = Published.read(inputs);
      GroupData recent = group(inputs, Group.RECENT, joinAll(recentTables), join(recentCreated));
      GroupData legacy = group(inputs, Group.LEGACY, joinAll(legacyTables), join(legacyCreated));
      boolean synthetic = sources.roots().get(0).has(StudyFiles.SYNTHETIC_MARKER);
      return new StudyData(legacy, recent, GroupData.both(recent, legacy), publishedBoth, releases,
          iteration2024, join(botPrs), join(posts), scoredPosts, join(coding), published, synthetic, sources.describe(),
          inputs.files(), absent(inputs), inputs.warnings());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The inputs not read, with why: those {@link Inputs#absent} lists, and the missing members of a
   * group's full input set of which some members are at hand (those are then not read either, and
   * the report must say why rather than let the group look as if it had no data).
   */
  private static List<StudyData.Absent> absent(Inputs inputs) {
    List<StudyData.Absent> absent = new ArrayList<>(inputs.absent());
    for (Group group : List.of(Group.LEGACY, Group.RECENT)) {
      if (hasFullInputs(inputs, group)) {
        continue;
      }
      List<String> set = List.of(StudyFiles.commitsCsv(group), StudyFiles.evolutionCsv(group),
          StudyFiles.reposJson(group));
      List<String> present = set.stream().filter(inputs::has).toList();
      if (present.isEmpty()) {
        continue;
      }
      for (String name : set) {
        if (!present.contains(name)) {
          absent.add(new StudyData.Absent(name, "absent, so " + String.join(" and ", present)
              + ", at hand, were not read either: the " + group.fileSuffix() + " group's full inputs are the three together"));
        }
      }
    }
    return absent;
  }

  /**
   * Whether the group's full input set (commit log, format table, repository metadata) is
   * present: as one table each, or as the tables of every shard of a sharded mining run.
   */
  private static boolean hasFullInputs(Inputs inputs, Group group) {
    return inputs.has(StudyFiles.reposJson(group)) && !tableFolders(inputs, group).isEmpty();
  }

  /**
   * Where the group's commit log and format table are: the data folder itself, or else every
   * shard folder when each holds both (empty when neither).
   */
  private static List<String> tableFolders(Inputs inputs, Group group) {
    if (inputs.has(StudyFiles.commitsCsv(group)) && inputs.has(StudyFiles.evolutionCsv(group))) {
      return List.of("");
    }
    List<String> shards = inputs.shardFolders().stream().map(s -> s + "/").toList();
    boolean complete = !shards.isEmpty() && shards.stream().allMatch(s ->
        inputs.has(s + StudyFiles.commitsCsv(group)) && inputs.has(s + StudyFiles.evolutionCsv(group)));
    return complete ? shards : List.of();
  }

  /** A group's commit log and format table (or one shard's), read. */
  private record GroupTables(FormatHistory history, List<SafetensorsAddition> additions,
      Map<String, RepositoryCommits> commits) {

    /** The shards' tables as one pass over the merged tables reads them (repositories in {@code order}). */
    static GroupTables merge(List<GroupTables> shards, List<String> order) {
      if (shards.size() == 1) {
        return shards.get(0);
      }
      FormatHistory history = FormatHistory.merge(shards.stream().map(GroupTables::history).toList(), order);
      return new GroupTables(history,
          inRepositoryOrder(shards.stream().map(GroupTables::additions).toList(), SafetensorsAddition::repo, order),
          inRepositoryOrder(shards.stream().map(GroupTables::commits).reduce(RepositoryCommits::concat).orElseThrow(),
              order));
    }

    /** The repositories in {@code order}, then those not in it. */
    private static Map<String, RepositoryCommits> inRepositoryOrder(Map<String, RepositoryCommits> commits,
        List<String> order) {
      Map<String, RepositoryCommits> ordered = new LinkedHashMap<>();
      order.stream().filter(commits::containsKey).forEach(id -> ordered.put(id, commits.get(id)));
      ordered.putAll(commits);
      return Collections.unmodifiableMap(ordered);
    }

    /** Each repository's rows as one block, blocks in {@code order}, then those of repositories not in it. */
    private static <T> List<T> inRepositoryOrder(List<List<T>> parts, Function<T, String> repo,
        List<String> order) {
      Map<String, List<T>> byRepo = new LinkedHashMap<>();
      parts.forEach(part -> part.forEach(row -> byRepo.computeIfAbsent(repo.apply(row), r -> new ArrayList<>()).add(row)));
      List<T> rows = new ArrayList<>();
      order.forEach(id -> rows.addAll(byRepo.getOrDefault(id, List.of())));
      Set<String> ordered = new HashSet<>(order);
      byRepo.forEach((id, block) -> {
        if (!ordered.contains(id)) {
          rows.addAll(block);
        }
      });
      return List.copyOf(rows);
    }
  }

  /**
   * The group's commit log and then its format table, which joins the log's change statuses as
   * it streams: one pair, or one per shard, each read on the pool (merged once the selection's
   * order is known).
   */
  private static List<CompletableFuture<GroupTables>> tables(Inputs inputs, ExecutorService pool,
      CsvChunks.Workers workers, Group group) {
    if (!hasFullInputs(inputs, group)) {
      return List.of();
    }
    return tableFolders(inputs, group).stream().map(folder -> async(pool, () -> {
      CommitLogs.CommitLog log = inputs.read(folder + StudyFiles.commitsCsv(group), f -> CommitLogs.read(f, workers));
      FormatTables.FormatTable table = inputs.read(folder + StudyFiles.evolutionCsv(group),
          f -> FormatTables.read(f, log.addedFiles(), workers));
      return new GroupTables(table.history(), table.additions(), log.repositories());
    })).toList();
  }

  private static Optional<Map<String, Instant>> created(Inputs inputs, Group group) {
    return hasFullInputs(inputs, group)
        ? Optional.of(inputs.read(StudyFiles.reposJson(group), RepositoryMetadata::read))
        : Optional.empty();
  }

  private static GroupData group(Inputs inputs, Group group, List<GroupTables> tables,
      Optional<Map<String, Instant>> created) {
    if (!tables.isEmpty()) {
      // the selection's order is that of selected_{group}_repos.json
      GroupTables t = GroupTables.merge(tables, List.copyOf(created.orElseThrow().keySet()));
      return new GroupData(group, t.additions(), true, Optional.of(t.history()), Optional.of(t.commits()), created,
          List.of(StudyFiles.commitsCsv(group), StudyFiles.evolutionCsv(group), StudyFiles.reposJson(group)), List.of());
    }
    List<AdditionFile> files = new ArrayList<>();
    if (inputs.has(StudyFiles.byTool(group))) {
      files.add(additionFile(inputs, StudyFiles.byTool(group), true));
      if (inputs.has(StudyFiles.notByTool(group))) {
        files.add(additionFile(inputs, StudyFiles.notByTool(group), false));
      }
    }
    List<SafetensorsAddition> additions = files.stream().flatMap(f -> f.rows().stream()).toList();
    return new GroupData(group, additions, files.size() == 2, Optional.empty(), Optional.empty(), Optional.empty(),
        files.stream().map(AdditionFile::name).toList(), files);
  }

  private static AdditionFile additionFile(Inputs inputs, String name, boolean byConverter) {
    return additionFile(inputs, name, byConverter, Group.SAFETENSORS_RELEASE);
  }

  private static AdditionFile additionFile(Inputs inputs, String name, boolean byConverter, LocalDate reference) {
    return inputs.read(name, f -> AdditionFile.read(f, byConverter, reference),
        cache -> AdditionFile.readCache(cache.resolve(StudyCache.files(name).get(0)), name, byConverter, reference));
  }

  /** A cached input's value from its one cache table. */
  private static <T> Function<Path, T> table(String name, Function<Path, T> reader) {
    return cache -> reader.apply(cache.resolve(StudyCache.files(name).get(0)));
  }

  private static StudyData.Releases releases(Inputs inputs) {
    if (inputs.has(StudyFiles.SAFETENSORS_TAGS)) {
      List<String[]> rows = inputs.read(StudyFiles.SAFETENSORS_TAGS, f -> {
        List<String[]> tags = new ArrayList<>();
        String sha = CsvColumns.forEach(f, List.of("tag", "date"), v -> tags.add(v.clone()));
        return new Inputs.Parsed<>(tags, sha);
      });
      // the study's own tag list, filtered by the one release rule (the same that derived data/safetensors-releases.csv)
      return new StudyData.Releases(SafetensorsReleaseTable.derive(rows).stream()
          .map(r -> new SafetensorsRelease(r.tag(), r.date(), StudyFiles.SAFETENSORS_TAGS)).toList(),
          StudyFiles.SAFETENSORS_TAGS);
    }
    if (inputs.hasFact(StudyFiles.RELEASES_FACTS)) {
      List<SafetensorsRelease> tags = inputs.readFact(StudyFiles.RELEASES_FACTS, f -> {
        List<SafetensorsRelease> releases = new ArrayList<>();
        String sha = CsvColumns.forEach(f, List.of("tag", "date"), v -> releases.add(
            new SafetensorsRelease(v[0], LocalDate.parse(v[1].trim()), "data/" + StudyFiles.RELEASES_FACTS)));
        return new Inputs.Parsed<>(releases, sha);
      });
      return new StudyData.Releases(tags, "data/" + StudyFiles.RELEASES_FACTS);
    }
    return new StudyData.Releases(List.of(), "none");
  }

  private static Optional<StudyData.Iteration2024> iteration2024(Inputs inputs) {
    if (!inputs.has(StudyFiles.BY_TOOL_2024) || !inputs.has(StudyFiles.NOT_BY_TOOL_2024)) {
      return Optional.empty();
    }
    LocalDate reference = StudyFiles.ITERATION_2024_REFERENCE;
    List<AdditionFile> files = List.of(
        additionFile(inputs, StudyFiles.BY_TOOL_2024, true, reference),
        additionFile(inputs, StudyFiles.NOT_BY_TOOL_2024, false, reference));
    Optional<List<EvolutionRow>> formats = inputs.has(StudyFiles.EVOLUTION_2024)
        ? Optional.of(inputs.read(StudyFiles.EVOLUTION_2024, FormatTables::read2024,
            table(StudyFiles.EVOLUTION_2024, FormatTables::read2024Cache)))
        : Optional.empty();
    return Optional.of(new StudyData.Iteration2024(files, formats));
  }

  private static StudyData.BotPrData botPrs(Inputs inputs) {
    Optional<BotPrTable> table = BotPullRequests.NAMES.stream().filter(inputs::has).findFirst().map(name ->
        inputs.read(name, f -> {
          try (Progress progress = Progress.start("RQ3: reading " + name + " (bytes)", 0)) {
            return BotPrTable.read(f, progress);
          }
        }));
    Optional<List<MergeStatusRecord>> mergeStatus = inputs.has(BotPrMergeStatus.FILE_NAME)
        ? Optional.of(inputs.read(BotPrMergeStatus.FILE_NAME, f -> Inputs.Parsed.unhashed(BotPrMergeStatus.read(f)),
            table(BotPrMergeStatus.FILE_NAME, BotPrMergeStatus::readCache)))
        : Optional.empty();
    Optional<List<RelevantBotPr>> relevant = inputs.has(RelevantBotPrs.FILE_NAME)
        ? Optional.of(inputs.read(RelevantBotPrs.FILE_NAME, f -> Inputs.Parsed.unhashed(RelevantBotPrs.read(f)),
            table(RelevantBotPrs.FILE_NAME, RelevantBotPrs::readCache)))
        : Optional.empty();
    Map<String, List<String>> crawls = new java.util.TreeMap<>();
    for (String name : StudyFiles.PARTIAL_CRAWLS) {
      if (inputs.has(name)) {
        crawls.put(name, inputs.read(name, f -> Inputs.Parsed.unhashed(BotPrUrls.read(f)),
            table(name, BotPrUrls::readCache)));
      }
    }
    return new StudyData.BotPrData(table, mergeStatus, relevant, crawls);
  }

  private static <T> CompletableFuture<T> async(ExecutorService pool, Supplier<T> task) {
    return CompletableFuture.supplyAsync(task, pool);
  }

  private static <T> List<T> joinAll(List<CompletableFuture<T>> futures) {
    return futures.stream().map(Study::join).toList();
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new StudyDataException(e.getCause().getMessage(), e);
    }
  }
}
