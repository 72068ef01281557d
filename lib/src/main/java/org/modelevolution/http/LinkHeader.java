package org.modelevolution.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * Parses RFC 8288 {@code Link} headers as sent by the Hub and GitHub for pagination. Entries are
 * matched one by one rather than split on commas, since a URL may contain a comma; next-page URLs
 * are used verbatim because they already carry every query parameter.
 */
public final class LinkHeader {
  private static final Pattern ENTRY = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"([^\"]*)\"");

  private LinkHeader() {}

  /** All links of the header by relation name ({@code next}, {@code last}, ...). */
  public static Map<String, HttpUrl> parse(String header) {
    Map<String, HttpUrl> links = new LinkedHashMap<>();
    if (header == null) {
      return links;
    }
    Matcher m = ENTRY.matcher(header);
    while (m.find()) {
      HttpUrl url = HttpUrl.parse(m.group(1));
      if (url != null) {
        links.putIfAbsent(m.group(2), url);
      }
    }
    return links;
  }

  /** The next page's URL, resolved against the request when relative. */
  public static Optional<HttpUrl> next(Response response) {
    String header = response.header("Link");
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = ENTRY.matcher(header);
    while (m.find()) {
      if (m.group(2).equals("next")) {
        return Optional.ofNullable(response.request().url().resolve(m.group(1)));
      }
    }
    return Optional.empty();
  }
}
