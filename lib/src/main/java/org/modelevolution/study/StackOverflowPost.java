package org.modelevolution.study;

/**
 * A Stack Overflow question or answer found by the study's safetensors query, as flattened into
 * {@code SO_query_data.csv}.
 *
 * @param title the question's title (answers carry their question's title)
 * @param source {@code Stack Overflow}
 * @param url {@code https://stackoverflow.com/questions/<question id>}
 * @param itemType {@code question} or {@code answer}
 * @param questionId the question id
 * @param creationDate Unix seconds
 * @param body the post body as the API returned it (HTML-escaped text)
 * @param json the whole Stack Exchange item as JSON text
 */
public record StackOverflowPost(
    String title, String source, String url, String itemType, long questionId, long creationDate, String body, String json) {}
