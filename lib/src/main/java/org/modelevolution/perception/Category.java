package org.modelevolution.perception;

/**
 * A category grouping codes (Django model {@code model_evolution.Category}); categories can nest.
 *
 * @param parentId the parent category, or null for a top-level category
 */
public record Category(long id, String name, String description, Long parentId) {
  public Category {
    description = description == null ? "" : description;
  }
}
