package org.modelevolution.study;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.modelevolution.environment.ProjectLayout;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pinned list of the study's data files ({@code data/study-manifest.json}): for each file,
 * its original path and commit in the study's repository, the download URL, its SHA-256 and
 * size. Inputs are what the analyses read; published files are the study's result tables that a
 * reproduction compares against.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StudyManifest(
    @JsonProperty("source_repository") String sourceRepository,
    @JsonProperty("repository_head") String repositoryHead,
    List<Entry> inputs,
    List<Entry> published) {

  /** One pinned file. {@code url} is absent for tables typed from figures or printed output. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Entry(
      String file,
      String originalPath,
      String commit,
      String url,
      String sha256,
      String gitBlobSha1,
      long bytes,
      String iteration,
      List<String> researchQuestions,
      String origin) {

    public Optional<String> downloadUrl() {
      return Optional.ofNullable(url);
    }

    /** Whether the manifest pins the file's content (by SHA-256 or by git blob id). */
    public boolean isPinned() {
      return sha256 != null || gitBlobSha1 != null;
    }
  }

  public StudyManifest {
    inputs = List.copyOf(inputs);
    published = List.copyOf(published);
  }

  /** The name under which the jar carries its copy of {@code data/study-manifest.json}. */
  static final String BUNDLED = "/org/modelevolution/study/study-manifest.json";

  /**
   * The manifest of the checkout {@code layout} points at, or, outside a checkout (e.g. the jar
   * run from elsewhere), the copy the jar carries.
   */
  public static StudyManifest of(ProjectLayout layout) {
    return layout.isCheckout() ? read(layout.manifest()) : bundled();
  }

  /** The copy of the manifest built into the library. */
  public static StudyManifest bundled() {
    try (java.io.InputStream in = StudyManifest.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new StudyDataException("the library carries no study manifest (" + BUNDLED + "); run from a checkout"
            + " of the project, whose data/study-manifest.json pins the study's files");
      }
      return new ObjectMapper().readValue(in, StudyManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled study manifest", e);
    }
  }

  public static StudyManifest read(Path path) {
    try {
      return new ObjectMapper().readValue(path.toFile(), StudyManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the study manifest " + path, e);
    }
  }

  public Stream<Entry> all() {
    return Stream.concat(inputs.stream(), published.stream());
  }

  public Optional<Entry> entry(String file) {
    return all().filter(e -> e.file().equals(file)).findFirst();
  }
}
