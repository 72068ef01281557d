package org.modelevolution.hub;

import java.util.List;
import java.util.OptionalInt;

/**
 * One page of a discussion list. The Hub paginates this endpoint in the body, not with a Link
 * header: there are more pages while {@code start + discussions.size() < count}.
 *
 * @param page the 0-based page index ({@code p}) that was requested
 * @param count the number of discussions matching the filter, over all pages
 * @param start the position of this page's first discussion in the whole list
 * @param numClosedDiscussions the repository's closed discussions, when the Hub states it
 */
public record DiscussionPage(
    int page, List<Discussion> discussions, int count, int start, OptionalInt numClosedDiscussions) {

  public DiscussionPage {
    discussions = List.copyOf(discussions);
  }

  public boolean hasNext() {
    return !discussions.isEmpty() && start + discussions.size() < count;
  }
}
