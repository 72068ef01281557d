package org.modelevolution.hub;

import java.util.Objects;

/**
 * A repository on the Hub: its kind (model, dataset or Space) and its id {@code namespace/name}.
 *
 * @param kind which kind of repository; decides the API path prefix
 * @param id the repository id, e.g. {@code safetensors/convert}
 */
public record HubRepo(Kind kind, String id) {

  /** The three kinds of Hub repositories, with their path segment in API URLs. */
  public enum Kind {
    MODEL("models"),
    DATASET("datasets"),
    SPACE("spaces");

    private final String apiSegment;

    Kind(String apiSegment) {
      this.apiSegment = apiSegment;
    }

    /** The plural segment of API paths: {@code models}, {@code datasets} or {@code spaces}. */
    public String apiSegment() {
      return apiSegment;
    }

    /** The prefix of web URLs: none for models, {@code datasets/} or {@code spaces/} otherwise. */
    public String webPrefix() {
      return this == MODEL ? "" : apiSegment + "/";
    }
  }

  public HubRepo {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(id);
    if (id.isBlank() || id.startsWith("/") || id.endsWith("/")) {
      throw new IllegalArgumentException("not a Hub repository id: '" + id + "'");
    }
  }

  public static HubRepo model(String id) {
    return new HubRepo(Kind.MODEL, id);
  }

  public static HubRepo space(String id) {
    return new HubRepo(Kind.SPACE, id);
  }

  /**
   * Parses the web form: {@code spaces/safetensors/convert}, {@code datasets/x/y} or a plain model
   * id such as {@code acme-lab/tiny-bert-sst2}.
   */
  public static HubRepo parse(String text) {
    for (Kind kind : new Kind[] {Kind.DATASET, Kind.SPACE}) {
      if (text.startsWith(kind.webPrefix())) {
        return new HubRepo(kind, text.substring(kind.webPrefix().length()));
      }
    }
    return model(text);
  }

  /** The web form, the inverse of {@link #parse}. */
  @Override
  public String toString() {
    return kind.webPrefix() + id;
  }
}
