package org.modelevolution.study;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The human activity in a conversion PR's discussion, as the study's relevance filter measured
 * it: visible (non-hidden) comments not written by the bot, the distinct non-bot participants
 * (the opener and the comment authors) and the words of the counted comments.
 *
 * <p>The study's filter keeps a PR with at least two such comments, at least two participants and
 * an average comment size above a threshold. Its code used a threshold of 0 words
 * ({@link #CODE_MIN_AVERAGE_WORDS}: any non-empty discussion passes; the published filtered file
 * holds PRs averaging 1.0 word) while rq3_analysis.ipynb markdown cell 12 states 4 ({@link #STATED_MIN_AVERAGE_WORDS});
 * both are computed. A comment whose author account was deleted counts as a comment but adds no
 * participant, since no name identifies the person.
 *
 * @param comments visible non-bot comments
 * @param participants distinct non-bot names, in order of first appearance (opener first)
 * @param words total words of the counted comments (Python {@code str.split()})
 */
public record DiscussionActivity(int comments, List<String> participants, long words) {

  /** The average-size threshold in the study's code: strictly more than 0 words. */
  public static final double CODE_MIN_AVERAGE_WORDS = 0;
  /** The average-size threshold stated in rq3_analysis.ipynb markdown cell 12: strictly more than 4 words. */
  public static final double STATED_MIN_AVERAGE_WORDS = 4;

  public DiscussionActivity {
    participants = List.copyOf(participants);
  }

  public static DiscussionActivity of(BotDiscussion discussion) {
    return of(discussion, name -> name);
  }

  /** The activity, with each participant's name passed through {@code share} (one string per name). */
  static DiscussionActivity of(BotDiscussion discussion, java.util.function.UnaryOperator<String> share) {
    Set<String> names = new LinkedHashSet<>();
    if (discussion.openerName() != null && !BotDiscussion.isBot(discussion.openerName())) {
      names.add(share.apply(discussion.openerName()));
    }
    int comments = 0;
    long words = 0;
    for (BotDiscussion.Event event : discussion.events()) {
      if (event instanceof BotDiscussion.Comment c && !c.hidden() && !BotDiscussion.isBot(c.authorName())) {
        comments++;
        words += c.words();
        if (c.authorName() != null) {
          names.add(share.apply(c.authorName()));
        }
      }
    }
    return new DiscussionActivity(comments, new ArrayList<>(names), words);
  }

  /** Words per counted comment; 0 without comments. */
  public double averageCommentSize() {
    return comments == 0 ? 0 : (double) words / comments;
  }

  /** The study's filter with the given average-size threshold (strictly greater). */
  public boolean isRelevant(double minAverageWords) {
    return comments >= 2 && participants.size() >= 2 && averageCommentSize() > minAverageWords;
  }
}
