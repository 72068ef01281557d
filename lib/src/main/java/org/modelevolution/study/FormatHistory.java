package org.modelevolution.study;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
    // the column lists are read-only already, and kept as they are so that the accessors below can read their columns
    addedFiles = addedFiles instanceof FileColumns ? addedFiles : Collections.unmodifiableList(addedFiles);
    yearlyFormats = Collections.unmodifiableMap(yearlyFormats);
  }

  /** The repository of the added file at {@code index}, without making the {@link AddedFile}. */
  public String addedRepo(int index) {
    return addedFiles instanceof FileColumns c ? c.repo(index) : addedFiles.get(index).repo();
  }

  /** The commit time (epoch seconds) of the added file at {@code index}, without making the {@link AddedFile}. */
  public long addedSeconds(int index) {
    return addedFiles instanceof FileColumns c ? c.seconds(index) : seconds(addedFiles.get(index).date());
  }

  /** The format of the added file at {@code index}, without making the {@link AddedFile}. */
  public String addedFormat(int index) {
    return addedFiles instanceof FileColumns c ? c.format(index) : addedFiles.get(index).format();
  }

  /** Added files kept as columns, readable without making an {@link AddedFile} per read. */
  private interface FileColumns {
    String repo(int index);

    long seconds(int index);

    String format(int index);
  }

  /**
   * A repository's rows. Times are kept as epoch seconds and commits in an array: at the whole
   * Hub's millions of repositories, every object per repository or commit counts.
   */
  public static final class Repository {
    private final String id;
    private final List<Commit> commits;
    private final long firstRowDate;
    private final long lastRowDate;
    /** Per calendar year in ascending order, the latest commit time of its rows in that year. */
    private final long[] lastRowDateByYear;

    Repository(String id, List<Commit> commits, long firstRowDate, long lastRowDate, long[] lastRowDateByYear) {
      this.id = id;
      this.commits = commits;
      this.firstRowDate = firstRowDate;
      this.lastRowDate = lastRowDate;
      this.lastRowDateByYear = lastRowDateByYear;
    }

    public String id() {
      return id;
    }

    /** Its commits, in order of first appearance. */
    public List<Commit> commits() {
      return commits;
    }

    /** The earliest commit time of its rows. */
    public LocalDateTime firstRowDate() {
      return time(firstRowDate);
    }

    /** The latest commit time of its rows. */
    public LocalDateTime lastRowDate() {
      return time(lastRowDate);
    }

    /** The latest commit time of its rows in its first year: the earliest of {@link #lastRowDateByYear}'s. */
    public LocalDateTime lastRowDateOfFirstYear() {
      return time(lastRowDateByYear[0]);
    }

    /** The latest commit time of its rows in its last year: the latest of {@link #lastRowDateByYear}'s. */
    public LocalDateTime lastRowDateOfLastYear() {
      return time(lastRowDateByYear[lastRowDateByYear.length - 1]);
    }

    /** Per calendar year, the latest commit time of its rows in that year (a new map per call). */
    public Map<Integer, LocalDateTime> lastRowDateByYear() {
      Map<Integer, LocalDateTime> byYear = new TreeMap<>();
      for (long seconds : lastRowDateByYear) {
        LocalDateTime t = time(seconds);
        byYear.put(t.getYear(), t);
      }
      return Collections.unmodifiableMap(byYear);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Repository r && id.equals(r.id) && commits.equals(r.commits)
          && firstRowDate == r.firstRowDate && lastRowDate == r.lastRowDate
          && Arrays.equals(lastRowDateByYear, r.lastRowDateByYear);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, commits, firstRowDate, lastRowDate, Arrays.hashCode(lastRowDateByYear));
    }

    @Override
    public String toString() {
      return "Repository[" + id + ", " + commits.size() + " commits]";
    }
  }

  /**
   * A commit's rows: its time as epoch seconds, its hash as 20 bytes when it is 40 lower-case hex
   * digits (git's), and the count of files of each format as two arrays sorted by format (the
   * format arrays are shared between the commits of a table that hold the same formats).
   */
  public static final class Commit {
    private static final String[] NO_FORMATS = {};
    private static final int[] NO_COUNTS = {};
    private static final int HEX_HASH = 40;

    /** The hash as read, while the table is reduced, or when it is not 40 lower-case hex digits. */
    private final String hashText;
    /** Otherwise the hash's 160 bits. */
    private final long hashHigh;
    private final long hashMiddle;
    private final int hashLow;
    private final long date;
    private boolean addsFiles;
    private String[] formats = NO_FORMATS;
    private int[] counts = NO_COUNTS;
    private String[] addedFormats = NO_FORMATS;
    private int[] addedCounts = NO_COUNTS;

    private Commit(String hash, long date) {
      this.hashText = hash;
      this.hashHigh = 0;
      this.hashMiddle = 0;
      this.hashLow = 0;
      this.date = date;
    }

    /** The same commit with its hash packed when it is git's hex form. */
    private Commit(Commit c) {
      String hash = c.hash();
      boolean hex = isLowerHex(hash);
      this.hashText = hex ? null : hash;
      this.hashHigh = hex ? Long.parseUnsignedLong(hash.substring(0, 16), 16) : 0;
      this.hashMiddle = hex ? Long.parseUnsignedLong(hash.substring(16, 32), 16) : 0;
      this.hashLow = hex ? Integer.parseUnsignedInt(hash.substring(32, 40), 16) : 0;
      this.date = c.date;
      this.addsFiles = c.addsFiles;
      this.formats = c.formats;
      this.counts = c.counts.clone();
      this.addedFormats = c.addedFormats;
      this.addedCounts = c.addedCounts.clone();
    }

    private static boolean isLowerHex(String hash) {
      if (hash.length() != HEX_HASH) {
        return false;
      }
      for (int i = 0; i < HEX_HASH; i++) {
        char ch = hash.charAt(i);
        if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f')) {
          return false;
        }
      }
      return true;
    }

    public String hash() {
      if (hashText != null) {
        return hashText;
      }
      return String.format(java.util.Locale.ROOT, "%016x%016x%08x", hashHigh, hashMiddle, hashLow);
    }

    /** The commit time of its first row. */
    public LocalDateTime date() {
      return time(date);
    }

    /** The commit time of its first row, as epoch seconds (UTC). */
    public long seconds() {
      return date;
    }

    /** Whether a row's file was added by the commit (any format). */
    public boolean addsFiles() {
      return addsFiles;
    }

    /** Files of each format in the tree after the commit (its rows), by format. */
    public Map<String, Long> formats() {
      return new Counts(formats, counts);
    }

    /** Files of each format the commit added, by format. */
    public Map<String, Long> addedFormats() {
      return new Counts(addedFormats, addedCounts);
    }

    /** Adds {@code n} files of {@code format} (all files, or added ones). */
    private void count(String format, int n, boolean added) {
      String[] names = added ? addedFormats : formats;
      int[] values = added ? addedCounts : counts;
      int at = Arrays.binarySearch(names, format);
      if (at >= 0) {
        values[at] = Math.addExact(values[at], n);
        return;
      }
      int insert = -at - 1;
      String[] grownNames = new String[names.length + 1];
      int[] grownValues = new int[values.length + 1];
      System.arraycopy(names, 0, grownNames, 0, insert);
      System.arraycopy(values, 0, grownValues, 0, insert);
      grownNames[insert] = format;
      grownValues[insert] = n;
      System.arraycopy(names, insert, grownNames, insert + 1, names.length - insert);
      System.arraycopy(values, insert, grownValues, insert + 1, values.length - insert);
      if (added) {
        addedFormats = grownNames;
        addedCounts = grownValues;
      } else {
        formats = grownNames;
        counts = grownValues;
      }
    }

    /** Shares the format arrays with an equal one seen before. */
    private void share(Map<List<String>, String[]> seen) {
      formats = seen.computeIfAbsent(List.of(formats), k -> formats);
      addedFormats = seen.computeIfAbsent(List.of(addedFormats), k -> addedFormats);
    }


    @Override
    public boolean equals(Object o) {
      return o instanceof Commit c && hash().equals(c.hash()) && date == c.date && addsFiles == c.addsFiles
          && Arrays.equals(formats, c.formats) && Arrays.equals(counts, c.counts)
          && Arrays.equals(addedFormats, c.addedFormats) && Arrays.equals(addedCounts, c.addedCounts);
    }

    @Override
    public int hashCode() {
      return Objects.hash(hash(), date, addsFiles, Arrays.hashCode(formats), Arrays.hashCode(counts));
    }

    @Override
    public String toString() {
      return "Commit[" + hash() + ", " + date() + ", " + formats() + ", added " + addedFormats() + "]";
    }
  }

  /** A read-only map over a commit's sorted format and count arrays. */
  private static final class Counts extends AbstractMap<String, Long> {
    private final String[] names;
    private final int[] values;

    Counts(String[] names, int[] values) {
      this.names = names;
      this.values = values;
    }

    @Override
    public Set<Map.Entry<String, Long>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, Long>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < names.length;
            }

            @Override
            public Map.Entry<String, Long> next() {
              if (next >= names.length) {
                throw new java.util.NoSuchElementException();
              }
              int i = next++;
              return Map.entry(names[i], (long) values[i]);
            }
          };
        }

        @Override
        public int size() {
          return names.length;
        }
      };
    }

    @Override
    public int size() {
      return names.length;
    }

    @Override
    public Long get(Object key) {
      int at = key instanceof String s ? Arrays.binarySearch(names, s) : -1;
      return at >= 0 ? (long) values[at] : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return get(key) != null;
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super String, ? super Long> action) {
      for (int i = 0; i < names.length; i++) {
        action.accept(names[i], (long) values[i]);
      }
    }
  }

  /** Commit times ({@link CommitTime}: whole seconds, no zone) as epoch seconds, and back. */
  static long seconds(LocalDateTime time) {
    if (time.getNano() != 0) {
      throw new IllegalArgumentException("commit times are whole seconds: " + time);
    }
    return time.toEpochSecond(ZoneOffset.UTC);
  }

  static LocalDateTime time(long seconds) {
    return LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
  }

  /** A row whose file its commit added. */
  public record AddedFile(String repo, LocalDateTime date, String format) {}

  /**
   * Added files as three columns (16 bytes a file: shared repository and format strings, epoch
   * seconds); each {@link AddedFile} is made when it is read.
   */
  static final class AddedFiles extends java.util.AbstractList<AddedFile>
      implements java.util.RandomAccess, FileColumns {
    private String[] repos = new String[16];
    private long[] seconds = new long[16];
    private String[] formats = new String[16];
    private int size;

    void add(String repo, long time, String format) {
      if (size == repos.length) {
        int grown = Math.max(16, size + (size >> 1));
        repos = Arrays.copyOf(repos, grown);
        seconds = Arrays.copyOf(seconds, grown);
        formats = Arrays.copyOf(formats, grown);
      }
      repos[size] = repo;
      seconds[size] = time;
      formats[size] = format;
      size++;
    }

    /** Appends {@code more}'s files. */
    void addAll(AddedFiles more) {
      for (int i = 0; i < more.size; i++) {
        add(more.repos[i], more.seconds[i], more.formats[i]);
      }
    }

    /** These files, their columns cut to their exact size (one column at a time); no more are added. */
    AddedFiles trimmed() {
      repos = Arrays.copyOf(repos, size);
      seconds = Arrays.copyOf(seconds, size);
      formats = Arrays.copyOf(formats, size);
      return this;
    }

    @Override
    public AddedFile get(int index) {
      java.util.Objects.checkIndex(index, size);
      return new AddedFile(repos[index], time(seconds[index]), formats[index]);
    }

    @Override
    public String repo(int index) {
      java.util.Objects.checkIndex(index, size);
      return repos[index];
    }

    @Override
    public long seconds(int index) {
      java.util.Objects.checkIndex(index, size);
      return seconds[index];
    }

    @Override
    public String format(int index) {
      java.util.Objects.checkIndex(index, size);
      return formats[index];
    }

    @Override
    public int size() {
      return size;
    }
  }

  /** Two column lists read as one, without copying either (the "both" group's added files). */
  private static final class ConcatenatedFiles extends java.util.AbstractList<AddedFile>
      implements java.util.RandomAccess, FileColumns {
    private final List<AddedFile> firstList;
    private final FileColumns first;
    private final int firstSize;
    private final List<AddedFile> secondList;
    private final FileColumns second;

    ConcatenatedFiles(List<AddedFile> first, List<AddedFile> second) {
      this.firstList = first;
      this.first = (FileColumns) first;
      this.firstSize = first.size();
      this.secondList = second;
      this.second = (FileColumns) second;
    }

    @Override
    public AddedFile get(int index) {
      return index < firstSize ? firstList.get(index) : secondList.get(index - firstSize);
    }

    @Override
    public int size() {
      return firstSize + secondList.size();
    }

    @Override
    public String repo(int index) {
      return index < firstSize ? first.repo(index) : second.repo(index - firstSize);
    }

    @Override
    public long seconds(int index) {
      return index < firstSize ? first.seconds(index) : second.seconds(index - firstSize);
    }

    @Override
    public String format(int index) {
      return index < firstSize ? first.format(index) : second.format(index - firstSize);
    }
  }

  /** Two lists read as one, without copying either (the "both" group's added files). */
  private static final class Concatenated<T> extends java.util.AbstractList<T> implements java.util.RandomAccess {
    private final List<T> first;
    private final List<T> second;

    Concatenated(List<T> first, List<T> second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public T get(int index) {
      return index < first.size() ? first.get(index) : second.get(index - first.size());
    }

    @Override
    public int size() {
      return first.size() + second.size();
    }
  }

  /**
   * The history of {@code first}'s rows followed by {@code second}'s, as one table of both would
   * read. A repository of only one of them is shared, not copied; one in both is merged.
   */
  public static FormatHistory concat(FormatHistory first, FormatHistory second) {
    Map<String, Repository> repositories = new LinkedHashMap<>(first.repositories());
    second.repositories().forEach((id, r) -> repositories.merge(id, r, FormatHistory::merged));
    List<AddedFile> added = first.addedFiles() instanceof FileColumns && second.addedFiles() instanceof FileColumns
        ? new ConcatenatedFiles(first.addedFiles(), second.addedFiles())
        : new Concatenated<>(first.addedFiles(), second.addedFiles());
    Map<Integer, Map<String, Long>> yearly = new TreeMap<>();
    for (FormatHistory history : List.of(first, second)) {
      history.yearlyFormats().forEach((year, counts) -> {
        Map<String, Long> target = yearly.computeIfAbsent(year, y -> new TreeMap<>());
        counts.forEach((f, n) -> target.merge(f, n, Long::sum));
      });
    }
    Map<Integer, Map<String, Long>> frozen = new TreeMap<>();
    yearly.forEach((year, counts) -> frozen.put(year, Collections.unmodifiableMap(counts)));
    return new FormatHistory(repositories, added, frozen, first.rows() + second.rows());
  }

  /** A repository's rows of one table followed by its rows of another. */
  private static Repository merged(Repository first, Repository second) {
    RepositoryBuilder builder = new RepositoryBuilder(first.id());
    for (Repository r : List.of(first, second)) {
      for (Commit c : r.commits()) {
        Commit commit = builder.commits.computeIfAbsent(c.hash(), h -> new Commit(h, c.date));
        commit.addsFiles |= c.addsFiles;
        for (int i = 0; i < c.formats.length; i++) {
          commit.count(c.formats[i], c.counts[i], false);
        }
        for (int i = 0; i < c.addedFormats.length; i++) {
          commit.count(c.addedFormats[i], c.addedCounts[i], true);
        }
      }
      builder.seen(r.firstRowDate);
      builder.seen(r.lastRowDate);
      for (long last : r.lastRowDateByYear) {
        builder.seen(last);
      }
    }
    return builder.build(new HashMap<>());
  }

  /**
   * The histories of the shards of a sharded run merged as one pass over the merged table reads:
   * that table (what {@code mine-hub merge} writes) holds each repository's rows as one block, in
   * the selection's order, so the merge takes each repository from the shard that holds it in
   * {@code order} (repositories not in it follow, in shard order).
   */
  public static FormatHistory merge(List<FormatHistory> shards, List<String> order) {
    Map<String, Repository> byId = new java.util.HashMap<>();
    // per repository, its added files as (shard << 32 | index in the shard's list)
    Map<String, List<Long>> addedByRepo = new java.util.HashMap<>();
    List<String> unordered = new ArrayList<>();
    Map<Integer, Map<String, Long>> yearly = new TreeMap<>();
    long rows = 0;
    for (int shardIndex = 0; shardIndex < shards.size(); shardIndex++) {
      FormatHistory shard = shards.get(shardIndex);
      byId.putAll(shard.repositories());
      unordered.addAll(shard.repositories().keySet());
      for (int i = 0; i < shard.addedFiles().size(); i++) {
        addedByRepo.computeIfAbsent(shard.addedFiles().get(i).repo(), r -> new ArrayList<>()).add((long) shardIndex << 32 | i);
      }
      shard.yearlyFormats().forEach((year, counts) -> {
        Map<String, Long> target = yearly.computeIfAbsent(year, y -> new TreeMap<>());
        counts.forEach((f, n) -> target.merge(f, n, Long::sum));
      });
      rows += shard.rows();
    }
    Map<String, Repository> repositories = new LinkedHashMap<>();
    java.util.stream.Stream.concat(order.stream(), unordered.stream()).filter(byId::containsKey)
        .forEach(id -> repositories.putIfAbsent(id, byId.get(id)));
    AddedFiles added = new AddedFiles();
    for (String id : repositories.keySet()) {
      for (long at : addedByRepo.getOrDefault(id, List.of())) {
        AddedFile f = shards.get((int) (at >>> 32)).addedFiles().get((int) at);
        added.add(f.repo(), seconds(f.date()), f.format());
      }
    }
    Map<Integer, Map<String, Long>> frozen = new TreeMap<>();
    yearly.forEach((year, counts) -> frozen.put(year, Collections.unmodifiableMap(counts)));
    return new FormatHistory(repositories, added.trimmed(), frozen, rows);
  }

  /**
   * Histories of consecutive parts of one table (the chunks of a chunked read) appended into the
   * history of the whole table, as one pass over it reads: a repository whose rows continue in the
   * next part is merged, the added files and yearly counts follow on. Not thread-safe.
   */
  static final class Concatenation {
    private final Map<String, Repository> repositories;
    private final AddedFiles addedFiles = new AddedFiles();
    private final Map<Integer, Map<String, Long>> yearlyFormats = new TreeMap<>();
    private long rows;

    /** The rows of {@code first}, which takes no more rows. */
    Concatenation(Builder first) {
      FormatHistory history = first.build();
      repositories = new LinkedHashMap<>(history.repositories());
      add(history, first.addedFiles);
    }

    /** Appends the rows that follow, those of {@code later}, which takes no more rows. */
    void append(Builder later) {
      FormatHistory history = later.build();
      history.repositories().forEach((id, r) -> repositories.merge(id, r, FormatHistory::merged));
      add(history, later.addedFiles);
    }

    private void add(FormatHistory part, AddedFiles files) {
      addedFiles.addAll(files);
      part.yearlyFormats().forEach((year, counts) -> {
        Map<String, Long> target = yearlyFormats.computeIfAbsent(year, y -> new TreeMap<>());
        counts.forEach((f, n) -> target.merge(f, n, Long::sum));
      });
      rows += part.rows();
    }

    FormatHistory build() {
      Map<Integer, Map<String, Long>> yearly = new TreeMap<>();
      yearlyFormats.forEach((year, counts) -> yearly.put(year, Collections.unmodifiableMap(counts)));
      return new FormatHistory(repositories, addedFiles.trimmed(), yearly, rows);
    }
  }

  /**
   * Accumulates rows in table order. Rows come grouped by repository: each repository is packed
   * as soon as the next one starts (one that comes back later is merged with its earlier rows), so
   * only one repository at a time is held in the builder's form. Not thread-safe: one builder per
   * reading thread.
   */
  static final class Builder {
    private final Map<String, Repository> repositories = new LinkedHashMap<>();
    private final Map<List<String>, String[]> formatSets = new HashMap<>();
    private final AddedFiles addedFiles = new AddedFiles();
    private final Map<Integer, Map<String, Long>> yearlyFormats = new TreeMap<>();
    private long rows;
    /**
     * The repository being read; before the first row, one that no row belongs to, so that the
     * row path has no first-row branch (a branch the compiler sees taken only once is compiled as
     * a trap, and each later builder's first row would then recompile the whole row path).
     */
    private RepositoryBuilder lastRepository = new RepositoryBuilder(NO_REPOSITORY);
    private Commit lastCommit;
    /** The counts of {@link #yearlyFormats} of the year of the row before (rows come grouped by commit). */
    private int lastYear = NO_YEAR;
    private Map<String, Long> lastYearFormats;

    /** One row: a file of {@code format} in {@code commit}'s tree, added by it when {@code added}. */
    void add(String repo, String commit, LocalDateTime date, String format, boolean added) {
      rows++;
      long seconds = seconds(date);
      Commit c = commit(repo, commit, seconds);
      c.count(format, 1, false);
      if (added) {
        c.addsFiles = true;
        c.count(format, 1, true);
        addedFiles.add(repo, seconds, format);
      }
      lastRepository.seen(seconds);
      int year = date.getYear();
      if (year != lastYear) {
        lastYear = year;
        lastYearFormats = yearlyFormats.computeIfAbsent(year, y -> new TreeMap<>());
      }
      lastYearFormats.merge(format, 1L, Long::sum);
    }

    private Commit commit(String repo, String hash, long date) {
      if (!lastRepository.id.equals(repo)) {
        finishRepository();
        lastRepository = new RepositoryBuilder(repo);
        lastCommit = null;
      }
      // rows come grouped by commit too: most rows hit the last one
      if (lastCommit == null || !lastCommit.hashText.equals(hash)) {
        lastCommit = lastRepository.commits.computeIfAbsent(hash, h -> new Commit(h, date));
      }
      return lastCommit;
    }

    /**
     * Packs the repository being read; merged with its earlier rows when it came before. The
     * stand-in before the first row is packed too (with no branch for it), and dropped by
     * {@link #build}.
     */
    private void finishRepository() {
      repositories.merge(lastRepository.id, lastRepository.build(formatSets), FormatHistory::merged);
      lastRepository = new RepositoryBuilder(NO_REPOSITORY);
    }

    FormatHistory build() {
      finishRepository();
      repositories.remove(NO_REPOSITORY);
      Map<Integer, Map<String, Long>> yearly = new TreeMap<>();
      yearlyFormats.forEach((year, counts) -> yearly.put(year, Collections.unmodifiableMap(counts)));
      // the builder's own map and columns: build once
      return new FormatHistory(repositories, addedFiles.trimmed(), yearly, rows);
    }
  }

  /**
   * The id of the builder's stand-in repository: a lone surrogate, which no text decoded from UTF-8
   * holds, so no repository of a table (its ids are decoded, strictly, from the table's bytes) is it.
   */
  private static final String NO_REPOSITORY = "\uD800";
  /** No calendar year: {@link LocalDateTime}'s years lie within +-999,999,999. */
  private static final int NO_YEAR = Integer.MIN_VALUE;

  private static final class RepositoryBuilder {
    final String id;
    final Map<String, Commit> commits = new LinkedHashMap<>();
    /** Per year seen, ascending, the latest time in it. */
    long[] lastByYear = new long[0];
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    private long lastSeen = Long.MIN_VALUE;

    RepositoryBuilder(String id) {
      this.id = id;
    }

    void seen(long date) {
      if (date == lastSeen) {
        return; // rows come grouped by commit: most repeat the date before, already counted in
      }
      lastSeen = date;
      first = Math.min(first, date);
      last = Math.max(last, date);
      int year = time(date).getYear();
      int i = 0;
      while (i < lastByYear.length && time(lastByYear[i]).getYear() < year) {
        i++;
      }
      if (i < lastByYear.length && time(lastByYear[i]).getYear() == year) {
        lastByYear[i] = Math.max(lastByYear[i], date);
      } else {
        long[] grown = new long[lastByYear.length + 1];
        System.arraycopy(lastByYear, 0, grown, 0, i);
        grown[i] = date;
        System.arraycopy(lastByYear, i, grown, i + 1, lastByYear.length - i);
        lastByYear = grown;
      }
    }

    /** The repository; its commits share equal format arrays through {@code formatSets}. */
    Repository build(Map<List<String>, String[]> formatSets) {
      Commit[] built = new Commit[commits.size()];
      int i = 0;
      for (Commit c : commits.values()) {
        Commit copy = new Commit(c);
        copy.share(formatSets);
        built[i++] = copy;
      }
      return new Repository(id, List.of(built), first, last, lastByYear.clone());
    }
  }
}
