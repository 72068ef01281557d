package org.modelevolution.study;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.modelevolution.environment.ProjectLayout;

/**
 * Where the study's files are looked for, and the manifest they are checked against.
 *
 * <p>Two sources, one at a time. The <em>originals</em>: each input is taken from the first root
 * that holds it, the study data folder ({@code STUDY_DATA}, default {@code ../shared/study}) and
 * then the folder {@code reproduce --download} fills ({@code data/downloads}); the published result
 * tables come from {@code published/} of the first root that has one. The <em>cache</em>: when no
 * root holds any of the study's files, the checkout's committed {@code data/cache/}
 * ({@link StudyCache}), which gives the same results. The two are never mixed: a folder of
 * synthetic inputs or an incomplete copy is read as it is, its gaps reported, not filled from the
 * cache. The project's own fact tables (release dates, the study's printed notebook outputs) come
 * from {@code data/} either way.
 *
 * @param roots the labelled data roots, first match wins
 * @param published the study's published tables, when a root has them
 * @param facts the project's {@code data/} folder, when the project checkout is at hand
 * @param manifest the pinned study files
 * @param cache the committed cache, when it is the source (no root holds an original)
 */
public record StudySources(List<Root> roots, Optional<Root> published, Optional<Root> facts, StudyManifest manifest,
    Optional<Root> cache) {

  /** A folder and the label provenance gives it. */
  public record Root(String label, Path dir) {
    public Root {
      Objects.requireNonNull(label);
      dir = dir.toAbsolutePath().normalize();
    }

    boolean has(String name) {
      Path file = dir.resolve(name);
      return Files.isRegularFile(file) && Files.isReadable(file);
    }

    /** Why {@code name} is not a readable file here: absent, not a regular file, or unreadable; empty when it is. */
    Optional<String> problem(String name) {
      Path file = dir.resolve(name);
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of("absent");
      }
      if (!Files.isRegularFile(file)) {
        return Optional.of(Files.isDirectory(file) ? "not a regular file: a directory"
            : Files.isSymbolicLink(file) ? "not a regular file: a link to nothing readable (dangling or a loop)"
                : "not a regular file");
      }
      return Files.isReadable(file) ? Optional.empty() : Optional.of("unreadable: permission denied");
    }
  }

  public StudySources {
    roots = List.copyOf(roots);
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("no data roots");
    }
  }

  /** Sources that read the originals only. */
  public StudySources(List<Root> roots, Optional<Root> published, Optional<Root> facts, StudyManifest manifest) {
    this(roots, published, facts, manifest, Optional.empty());
  }

  /** The study data of {@code layout} (STUDY_DATA, then the downloads; else the cache) and its manifest. */
  public static StudySources of(ProjectLayout layout) {
    return of(layout, layout.studyData());
  }

  /**
   * Study data from {@code dataDir}, then the downloads of {@code layout}; or, when neither holds
   * any of the study's files, the committed cache of {@code layout}.
   *
   * @throws StudyDataException when {@code dataDir} was chosen (not the default {@code ../shared/study})
   *     and does not exist or is not a directory (a typo must not pass for "no data"), or when
   *     neither the folders nor the cache hold the study's inputs
   */
  public static StudySources of(ProjectLayout layout, Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    boolean chosen = !dir.equals(layout.root().resolve("../shared/study").toAbsolutePath().normalize());
    if (chosen && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.exists(dir)) {
      throw new StudyDataException("study data folder " + dir + " does not exist (looked for the study's files, e.g. "
          + StudyFiles.byTool(Group.LEGACY) + ", given by --data or STUDY_DATA): check the path, or leave both"
          + " unset to read ../shared/study or else the committed cache data/cache");
    }
    if (chosen && !Files.isDirectory(dir)) {
      throw new StudyDataException("study data folder " + dir + " is not a directory (given by --data or"
          + " STUDY_DATA): point it at the folder that holds the study's files");
    }
    List<Root> roots = new ArrayList<>();
    roots.add(new Root("STUDY_DATA", dir));
    if (layout.isCheckout()) {
      roots.add(new Root("data/downloads", layout.downloads()));
    }
    StudyManifest manifest = StudyManifest.of(layout);
    Optional<Root> facts = layout.isCheckout() ? Optional.of(new Root("data", layout.data())) : Optional.empty();
    if (roots.stream().noneMatch(r -> holdsStudyFiles(r.dir(), manifest))) {
      Optional<Root> cache = layout.isCheckout()
          ? StudyCache.folder(layout.studyCache()).map(p -> new Root(StudyCache.DIR, p)) : Optional.empty();
      if (cache.isEmpty()) {
        throw new StudyDataException("no study inputs: " + dir + (Files.isDirectory(dir) ? " holds none of the"
            + " study's files" : " does not exist") + " (looked for the files of data/study-manifest.json, e.g. "
            + StudyFiles.byTool(Group.LEGACY) + ", and for the full input set), and "
            + (layout.isCheckout() ? "the checkout has no committed cache " + layout.studyCache()
                : "outside a checkout there is no committed cache") + ". Set STUDY_DATA or pass --data DIR.");
      }
      Optional<Root> published = Optional.of(new Root(StudyCache.DIR + "/" + StudyFiles.PUBLISHED_DIR,
          cache.get().dir().resolve(StudyFiles.PUBLISHED_DIR)));
      return new StudySources(roots, published, facts, manifest, cache);
    }
    Optional<Root> published = roots.stream()
        .map(r -> new Root(r.label() + "/" + StudyFiles.PUBLISHED_DIR, r.dir().resolve(StudyFiles.PUBLISHED_DIR)))
        .filter(r -> Files.isDirectory(r.dir())).findFirst();
    return new StudySources(roots, published, facts, manifest, Optional.empty());
  }

  /**
   * Whether {@code dir} holds any of the study's files: an input or published table of the
   * manifest, a file of the full input set, a sharded mining run, or synthetic inputs. Anything in
   * it by those names counts, whatever it is (a directory in a file's place is then reported as
   * such, not silently replaced by the cache).
   */
  static boolean holdsStudyFiles(Path dir, StudyManifest manifest) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    List<String> names = new ArrayList<>(manifest.all().map(StudyManifest.Entry::file).toList());
    for (Group group : List.of(Group.LEGACY, Group.RECENT)) {
      names.addAll(List.of(StudyFiles.reposJson(group), StudyFiles.commitsCsv(group), StudyFiles.evolutionCsv(group)));
    }
    names.addAll(BotPullRequests.NAMES);
    names.addAll(List.of(StudyFiles.SAFETENSORS_TAGS, StudyFiles.SYNTHETIC_MARKER, "shards"));
    return names.stream().anyMatch(n -> Files.exists(dir.resolve(n), LinkOption.NOFOLLOW_LINKS));
  }

  /** Whether the committed cache is the source. */
  public boolean fromCache() {
    return cache.isPresent();
  }

  /**
   * One sentence saying where the study's inputs are read from, without machine-specific paths
   * (it goes into reports and notebook outputs).
   */
  public String describe() {
    if (cache.isPresent()) {
      return "the committed cache " + StudyCache.DIR + " (facts and figures derived from the pinned originals, which"
          + " give the same results), because STUDY_DATA " + (Files.isDirectory(dataDir())
              ? "holds none of the study's files" : "does not exist");
    }
    return "the study's original files (STUDY_DATA" + (roots.size() > 1 ? ", then data/downloads" : "") + ")";
  }

  /**
   * Where each input the reproduction reads would be read from, in the cache's order: the
   * original's path ({@code STUDY_DATA/…}, {@code data/downloads/…}), the cache tables
   * ({@code data/cache/…}), or why it is not at hand.
   */
  public java.util.Map<String, String> whereInputsAreRead() {
    java.util.Map<String, String> where = new java.util.LinkedHashMap<>();
    for (String name : StudyCache.DERIVATIONS.keySet()) {
      if (cache.isPresent()) {
        List<String> tables = StudyCache.files(name);
        where.put(name, tables.stream().allMatch(cache.get()::has)
            ? String.join(", ", tables.stream().map(t -> cache.get().label() + "/" + t).toList())
            : "absent (not in the cache)");
        continue;
      }
      String found = null;
      String problem = "absent";
      for (Root root : roots) {
        Optional<String> p = root.problem(name);
        if (p.isEmpty()) {
          found = root.label() + "/" + name;
          break;
        }
        if (!p.get().equals("absent") && problem.equals("absent")) {
          problem = p.get() + ", at " + root.label() + "/" + name;
        }
      }
      where.put(name, found != null ? found : problem);
    }
    return where;
  }

  /** The first data root. */
  public Path dataDir() {
    return roots.get(0).dir();
  }
}
