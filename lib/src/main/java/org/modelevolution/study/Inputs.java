package org.modelevolution.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.modelevolution.io.Sha256;

/**
 * The one place the study's files are opened: each file is located in the roots of the
 * {@link StudySources}, checked against the manifest before it is parsed when the manifest pins
 * it, parsed once, and recorded for provenance.
 *
 * <p>Unpinned files (synthetic or Git LFS inputs, often hundreds of MB) are hashed by their
 * parser while it reads them (in the same pass, or beside the chunks of a chunked read,
 * {@link CsvChunks}); pinned files are small and hashed first, so that a
 * modified file is reported as such instead of as whatever parse error its damage causes.
 */
final class Inputs {
  /**
   * What a parser returns: its value and the SHA-256 of the bytes it read, or null for a parser of a
   * small file that does not hash as it reads ({@link #unhashed}): the file is then hashed apart,
   * and only where no pin check has already given its digest.
   */
  record Parsed<T>(T value, String sha256) {
    static <T> Parsed<T> unhashed(T value) {
      return new Parsed<>(value, null);
    }
  }

  private static final String SHARDS = "shards";
  private static final Pattern SHARD_FOLDER = Pattern.compile("(\\d+)-of-(\\d+)");

  private final StudySources sources;
  private final Study.Listener listener;
  private final Map<String, InputFile> read = new ConcurrentHashMap<>();
  private final List<String> warnings = new java.util.ArrayList<>();

  Inputs(StudySources sources, Study.Listener listener) {
    this.sources = sources;
    this.listener = listener;
  }

  /**
   * Whether the source holds {@code name}: some data root holds the original, or, when the cache
   * is the source, the cache holds its tables.
   */
  boolean has(String name) {
    if (sources.cache().isPresent()) {
      return StudyCache.covers(name) && StudyCache.files(name).stream().allMatch(sources.cache().get()::has);
    }
    return sources.roots().stream().anyMatch(r -> r.has(name));
  }

  /**
   * The shard folders of a sharded mining run ({@code shards/<i>-of-<n>/}, one per
   * {@code mine-hub --shard i/n}) in the first root that has a {@code shards/} folder, in shard
   * order, as names relative to that root; empty when there are none.
   *
   * @throws StudyDataException when the set is incomplete or mixes shard counts
   */
  List<String> shardFolders() {
    if (sources.cache().isPresent()) {
      return List.of();
    }
    for (StudySources.Root root : sources.roots()) {
      Path dir = root.dir().resolve(SHARDS);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      TreeMap<Integer, String> byIndex = new TreeMap<>();
      Set<Integer> counts = new TreeSet<>();
      try (Stream<java.nio.file.Path> entries = Files.list(dir)) {
        entries.map(p -> p.getFileName().toString()).forEach(name -> {
          Matcher m = SHARD_FOLDER.matcher(name);
          if (m.matches()) {
            byIndex.put(Integer.parseInt(m.group(1)), SHARDS + "/" + name);
            counts.add(Integer.parseInt(m.group(2)));
          }
        });
      } catch (IOException e) {
        throw new StudyDataException("cannot list " + dir + ": " + e.getMessage(), e);
      }
      if (byIndex.isEmpty()) {
        continue;
      }
      int count = counts.iterator().next();
      if (counts.size() > 1 || byIndex.size() != count || byIndex.lastKey() != count - 1) {
        List<String> missing = IntStream.range(0, counts.stream().mapToInt(i -> i).max().orElse(0))
            .filter(i -> !byIndex.containsKey(i)).mapToObj(i -> i + "-of-" + count).toList();
        throw new StudyDataException(dir + " does not hold one complete set of shards (found " + byIndex.values()
            + (missing.isEmpty() ? "" : ", missing " + missing) + ")");
      }
      return List.copyOf(byIndex.values());
    }
    return List.of();
  }

  /** Whether the published tables hold {@code name}. */
  boolean hasPublished(String name) {
    return sources.cache().isPresent() ? has(StudyFiles.PUBLISHED_DIR + "/" + name)
        : sources.published().filter(r -> r.has(name)).isPresent();
  }

  /** Whether the sources have a folder of published tables. */
  boolean hasPublishedTables() {
    return sources.published().isPresent();
  }

  /** Whether the project's {@code data/} holds {@code name}. */
  boolean hasFact(String name) {
    return sources.facts().filter(r -> r.has(name)).isPresent();
  }

  /** Reads a study input from the first root that holds it (an input the cache does not hold). */
  <T> T read(String name, Function<Path, Parsed<T>> parser) {
    if (sources.cache().isPresent()) {
      throw new StudyDataException("the committed cache holds no " + name);
    }
    StudySources.Root root = sources.roots().stream().filter(r -> r.has(name)).findFirst()
        .orElseThrow(() -> new StudyDataException("no study file " + name + " in " + describeRoots()));
    return read(root, name, name, parser);
  }

  /**
   * Reads a study input: the original from the first root that holds it, or, when the cache is
   * the source, its cache tables with {@code cached} (given the cache folder).
   */
  <T> T read(String name, Function<Path, Parsed<T>> parser, Function<Path, T> cached) {
    return sources.cache().isPresent() ? readCache(name, name, cached) : read(name, parser);
  }

  /** Reads a published result table; the manifest lists those as {@code published/<name>}. */
  <T> T readPublished(String name, Function<Path, Parsed<T>> parser, Function<Path, T> cached) {
    String manifestName = StudyFiles.PUBLISHED_DIR + "/" + name;
    if (sources.cache().isPresent()) {
      return readCache(manifestName, manifestName, cached);
    }
    StudySources.Root root = sources.published().filter(r -> r.has(name))
        .orElseThrow(() -> new StudyDataException("no published table " + name));
    return read(root, name, manifestName, parser);
  }

  /** Reads the cache tables of {@code original}, recording each table read. */
  private <T> T readCache(String original, String shownOriginal, Function<Path, T> cached) {
    StudySources.Root root = sources.cache().orElseThrow();
    long start = System.nanoTime();
    T value;
    try {
      value = CsvWarnings.collect(() -> cached.apply(root.dir()), warnings);
    } catch (StudyDataException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StudyDataException("cannot read the cache of " + original + " in " + root.dir() + ": "
          + e.getMessage(), e);
    }
    for (String table : StudyCache.files(original)) {
      Path file = root.dir().resolve(table);
      InputFile input = new InputFile(root.label() + "/" + table, Sha256.of(file), size(file),
          InputFile.Status.CACHE, shownOriginal);
      read.put(input.path(), input);
      listener.read(input, java.time.Duration.ofNanos(System.nanoTime() - start));
    }
    return value;
  }

  /** Reads one of the project's fact tables in {@code data/} (not pinned: they are the project's own). */
  <T> T readFact(String name, Function<Path, Parsed<T>> parser) {
    StudySources.Root root = sources.facts().filter(r -> r.has(name))
        .orElseThrow(() -> new StudyDataException("no fact table data/" + name));
    return read(root, name, null, parser);
  }

  private <T> T read(StudySources.Root root, String name, String manifestName, Function<Path, Parsed<T>> parser) {
    Path file = root.dir().resolve(name);
    Optional<StudyManifest.Entry> pin = manifestName == null ? Optional.empty()
        : sources.manifest().entry(manifestName).filter(StudyManifest.Entry::isPinned);
    long start = System.nanoTime();
    InputFile.Status status = InputFile.Status.NOT_PINNED;
    Pins.Digests digests = null;
    if (pin.isPresent()) {
      digests = Pins.digests(file, pin.get());
      status = Pins.verify(pin.get(), file, digests);
    }
    Parsed<T> parsed = CsvWarnings.collect(() -> parser.apply(file), warnings);
    String sha256 = digests != null ? digests.sha256() : parsed.sha256() != null ? parsed.sha256() : Sha256.of(file);
    String shown = root.label() + "/" + name;
    InputFile input = new InputFile(shown, sha256, size(file), status, manifestName == null ? name : manifestName);
    read.put(shown, input);
    listener.read(input, java.time.Duration.ofNanos(System.nanoTime() - start));
    return parsed.value();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new StudyDataException("cannot stat " + file, e);
    }
  }

  private String describeRoots() {
    return String.join(", ", sources.roots().stream().map(r -> r.label() + " (" + r.dir() + ")").toList());
  }

  /**
   * Every input the reproduction reads when present (every original the cache covers) that is
   * not at hand, with why: in the first root where something is in its place, else absent.
   */
  List<StudyData.Absent> absent() {
    List<StudyData.Absent> absent = new java.util.ArrayList<>();
    for (String name : StudyCache.DERIVATIONS.keySet()) {
      if (has(name)) {
        continue;
      }
      String reason = "absent";
      if (sources.cache().isEmpty()) {
        for (StudySources.Root root : sources.roots()) {
          Optional<String> problem = root.problem(name);
          if (problem.isPresent() && !problem.get().equals("absent")) {
            reason = problem.get() + ", at " + root.label() + "/" + name;
            break;
          }
        }
      }
      absent.add(new StudyData.Absent(name, reason));
    }
    return absent;
  }

  /** What the readers accepted but reported (rows pandas accepts too), sorted. */
  List<String> warnings() {
    synchronized (warnings) {
      return warnings.stream().sorted().toList();
    }
  }

  /** Every file read so far, by path. */
  List<InputFile> files() {
    return read.values().stream().sorted(Comparator.comparing(InputFile::path)).toList();
  }
}
