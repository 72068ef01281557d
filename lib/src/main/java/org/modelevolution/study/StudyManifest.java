package org.modelevolution.study;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
      long bytes,
      String iteration,
      List<String> researchQuestions,
      String origin) {

    public Optional<String> downloadUrl() {
      return Optional.ofNullable(url);
    }
  }

  public StudyManifest {
    inputs = List.copyOf(inputs);
    published = List.copyOf(published);
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
