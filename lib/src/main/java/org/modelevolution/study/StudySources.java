package org.modelevolution.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.modelevolution.environment.ProjectLayout;

/**
 * Where the study's files are looked for, and the manifest they are checked against.
 *
 * <p>Each input is taken from the first root that holds it: the study data folder
 * ({@code STUDY_DATA}, default {@code ../shared/study}), then the download cache
 * ({@code data/cache}). The published result tables come from {@code published/} of the first
 * root that has one. The project's own fact tables (release dates, the study's printed notebook
 * outputs) come from {@code data/}.
 *
 * @param roots the labelled data roots, first match wins
 * @param published the study's published tables, when a root has them
 * @param facts the project's {@code data/} folder, when the project checkout is at hand
 * @param manifest the pinned study files
 */
public record StudySources(List<Root> roots, Optional<Root> published, Optional<Root> facts, StudyManifest manifest) {

  /** A folder and the label provenance gives it. */
  public record Root(String label, Path dir) {
    public Root {
      Objects.requireNonNull(label);
      dir = dir.toAbsolutePath().normalize();
    }

    boolean has(String name) {
      return Files.isRegularFile(dir.resolve(name));
    }
  }

  public StudySources {
    roots = List.copyOf(roots);
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("no data roots");
    }
  }

  /** The study data of {@code layout} (STUDY_DATA, then the download cache) and its manifest. */
  public static StudySources of(ProjectLayout layout) {
    return of(layout, layout.studyData());
  }

  /** Study data from {@code dataDir}, then the download cache of {@code layout}. */
  public static StudySources of(ProjectLayout layout, Path dataDir) {
    List<Root> roots = new ArrayList<>();
    roots.add(new Root("STUDY_DATA", dataDir));
    if (layout.isCheckout()) {
      roots.add(new Root("data/cache", layout.downloadCache()));
    }
    Optional<Root> published = roots.stream()
        .map(r -> new Root(r.label() + "/" + StudyFiles.PUBLISHED_DIR, r.dir().resolve(StudyFiles.PUBLISHED_DIR)))
        .filter(r -> Files.isDirectory(r.dir())).findFirst();
    Optional<Root> facts = layout.isCheckout() ? Optional.of(new Root("data", layout.data())) : Optional.empty();
    return new StudySources(roots, published, facts, StudyManifest.of(layout));
  }

  /** The first data root. */
  public Path dataDir() {
    return roots.get(0).dir();
  }
}
