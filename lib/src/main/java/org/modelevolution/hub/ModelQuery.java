package org.modelevolution.hub;

import java.util.List;
import java.util.Objects;

/**
 * Parameters of a model listing (api-reference.md 1.1). The Hub always sorts descending.
 *
 * @param sort e.g. {@code createdAt}
 * @param expand the properties to return; the listing then holds only these, {@code _id} and {@code id}
 * @param filters tag filters (ANDed)
 * @param pageSize items per page
 */
public record ModelQuery(String sort, List<String> expand, List<String> filters, int pageSize) {

  /** The fields the selection step needs, newest created first. */
  public static final List<String> SELECTION_FIELDS = List.of(
      "author", "createdAt", "disabled", "downloads", "gated", "lastModified", "library_name", "likes",
      "pipeline_tag", "private", "sha", "siblings", "tags", "usedStorage");

  public ModelQuery {
    Objects.requireNonNull(sort);
    expand = List.copyOf(expand);
    filters = List.copyOf(filters);
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be positive");
    }
  }

  public static ModelQuery byCreationDate(int pageSize) {
    return new ModelQuery("createdAt", SELECTION_FIELDS, List.of(), pageSize);
  }
}
