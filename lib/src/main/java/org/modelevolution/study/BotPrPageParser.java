package org.modelevolution.study;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the two JSON blocks of a conversion PR page ({@code discussion_metadata} and
 * {@code header_metadata}) with Jackson's streaming parser, keeping only the keys the RQ3
 * analysis needs and skipping every other subtree unread. Malformed or truncated JSON raises
 * {@link MalformedPageException} naming what is wrong.
 */
public final class BotPrPageParser {
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(16 << 20).maxNestingDepth(200).build())
      .build();

  private BotPrPageParser() {}

  /** A page block that is not the JSON the study's crawler wrote. */
  public static final class MalformedPageException extends Exception {
    public MalformedPageException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Parses {@code discussion_metadata}: {@code {"discussion": {author, createdAt, title, events, …}, …}}. */
  public static BotDiscussion parseDiscussion(String json) throws MalformedPageException {
    try (JsonParser p = JSON.createParser(json)) {
      DiscussionFields found = readPageDiscussion(p);
      if (found == null) {
        throw new MalformedPageException("no \"discussion\" object", null);
      }
      if (found.events == null) {
        throw new MalformedPageException("the discussion has no \"events\" list", null);
      }
      return new BotDiscussion(found.title, found.authorName, found.createdAt, found.events);
    } catch (IOException e) {
      throw new MalformedPageException("malformed discussion JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a page's top-level object and returns its {@code discussion} object's fields, or null
   * when it has none; both page blocks ({@code discussion_metadata}, {@code header_metadata}) share
   * this shape.
   */
  private static DiscussionFields readPageDiscussion(JsonParser p) throws IOException, MalformedPageException {
    DiscussionFields found = null;
    expect(p, p.nextToken() == JsonToken.START_OBJECT, "a JSON object");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if ("discussion".equals(name) && value == JsonToken.START_OBJECT) {
        found = readDiscussion(p);
      } else {
        p.skipChildren();
      }
    }
    expect(p, p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null, "the end of the object");
    return found;
  }

  /** Parses {@code header_metadata}: {@code {"discussion": {status, filesWithConflicts, …}, …}}. */
  public static BotPrHeader parseHeader(String json) throws MalformedPageException {
    try (JsonParser p = JSON.createParser(json)) {
      DiscussionFields found = readPageDiscussion(p);
      if (found == null || found.status == null) {
        throw new MalformedPageException("the header has no discussion status", null);
      }
      return new BotPrHeader(found.status, found.filesWithConflicts == null ? List.of() : found.filesWithConflicts);
    } catch (IOException e) {
      throw new MalformedPageException("malformed header JSON: " + e.getMessage(), e);
    }
  }

  private static final class DiscussionFields {
    String title;
    String authorName;
    String createdAt;
    String status;
    List<String> filesWithConflicts;
    List<BotDiscussion.Event> events;
  }

  private record Author(String name, boolean isHf) {}

  private static DiscussionFields readDiscussion(JsonParser p) throws IOException, MalformedPageException {
    DiscussionFields fields = new DiscussionFields();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "title" -> fields.title = text(p);
        case "createdAt" -> fields.createdAt = text(p);
        case "status" -> fields.status = text(p);
        case "author" -> fields.authorName = value == JsonToken.START_OBJECT ? readAuthor(p).name() : skip(p);
        case "filesWithConflicts" -> fields.filesWithConflicts = value == JsonToken.START_ARRAY ? readStrings(p) : skipList(p);
        case "events" -> {
          if (value == JsonToken.START_ARRAY) {
            fields.events = readEvents(p);
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    return fields;
  }

  private static List<BotDiscussion.Event> readEvents(JsonParser p) throws IOException, MalformedPageException {
    List<BotDiscussion.Event> events = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new MalformedPageException("an event is not an object", null);
      }
      String type = null;
      String createdAt = null;
      Author author = null;
      boolean hidden = false;
      String status = null;
      int words = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "type" -> type = text(p);
          case "createdAt" -> createdAt = text(p);
          case "author" -> author = value == JsonToken.START_OBJECT ? readAuthor(p) : skipAuthor(p);
          case "data" -> {
            if (value == JsonToken.START_OBJECT) {
              EventData data = readEventData(p);
              hidden = data.hidden;
              status = data.status;
              words = data.words;
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
      String authorName = author == null ? null : author.name();
      boolean isHf = author != null && author.isHf();
      if ("comment".equals(type)) {
        events.add(new BotDiscussion.Comment(createdAt, authorName, hidden, words));
      } else if ("status-change".equals(type)) {
        events.add(new BotDiscussion.StatusChange(createdAt, authorName, isHf, status));
      }
    }
    return events;
  }

  private static final class EventData {
    boolean hidden;
    String status;
    int words;
  }

  private static EventData readEventData(JsonParser p) throws IOException {
    EventData data = new EventData();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "hidden" -> data.hidden = value == JsonToken.VALUE_TRUE;
        case "status" -> data.status = text(p);
        case "latest" -> {
          if (value == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String field = p.currentName();
              p.nextToken();
              if ("raw".equals(field) && p.currentToken() == JsonToken.VALUE_STRING) {
                data.words = PythonWords.count(p.getText());
              } else {
                p.skipChildren();
              }
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    return data;
  }

  private static Author readAuthor(JsonParser p) throws IOException {
    String name = null;
    boolean isHf = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("name".equals(field)) {
        name = text(p);
      } else if ("isHf".equals(field)) {
        isHf = value == JsonToken.VALUE_TRUE;
      } else {
        p.skipChildren();
      }
    }
    return new Author(name, isHf);
  }

  private static Author skipAuthor(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private static String skip(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private static List<String> skipList(JsonParser p) throws IOException {
    p.skipChildren();
    return List.of();
  }

  private static List<String> readStrings(JsonParser p) throws IOException {
    List<String> values = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        values.add(p.getText());
      } else {
        p.skipChildren();
      }
    }
    return values;
  }

  private static String text(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : skip(p);
  }

  private static void expect(JsonParser p, boolean condition, String what) throws MalformedPageException {
    if (!condition) {
      throw new MalformedPageException("expected " + what + " at " + p.currentLocation().getCharOffset(), null);
    }
  }
}
