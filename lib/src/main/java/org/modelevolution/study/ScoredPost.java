package org.modelevolution.study;

/**
 * What the committed cache keeps of a post of {@code SO_query_data.csv}: its identity, source and
 * type, and its relevance to the study's query under each ranking, computed from the original's
 * text by the analysis' own ranker when the cache was built (see {@link StudyCache.PostScorer}).
 * The ranking needs nothing more: the posts keep their file order, so ties sort as in the study.
 *
 * @param key the post's key ({@code <item_type>:<question_id>:<creation_date>})
 * @param source {@code Stack Overflow}
 * @param itemType {@code question} or {@code answer}
 * @param jsonContentScore cosine similarity of its {@code json_content} to the query (the study's ranking)
 * @param titleAndBodyScore cosine similarity of its title and body to the query (the variant)
 */
public record ScoredPost(String key, String source, String itemType, double jsonContentScore,
    double titleAndBodyScore) {}
