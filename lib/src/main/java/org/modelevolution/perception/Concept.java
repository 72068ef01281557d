package org.modelevolution.perception;

import java.util.List;

/**
 * A code of the qualitative analysis (Django model {@code model_evolution.Concept}).
 *
 * @param categoryIds the categories the code belongs to ({@code model_evolution_concept_categories})
 */
public record Concept(long id, String name, String description, List<Long> categoryIds) {
  public Concept {
    description = description == null ? "" : description;
    categoryIds = List.copyOf(categoryIds);
  }
}
