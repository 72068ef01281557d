package org.modelevolution.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkHeaderTest {
  @Test
  void parsesGithubLinksWithCommasInsideUrls() {
    // Example from api-reference.md 0.1, with a comma added inside a query value.
    var links = LinkHeader.parse(
        "<https://api.github.com/search/issues?q=safetensors,x&per_page=100&page=2>; rel=\"next\", "
            + "<https://api.github.com/search/issues?q=safetensors&per_page=100&page=10>; rel=\"last\"");
    assertThat(links).containsOnlyKeys("next", "last");
    assertThat(links.get("next").queryParameter("q")).isEqualTo("safetensors,x");
    assertThat(links.get("last").queryParameter("page")).isEqualTo("10");
  }

  @Test
  void noHeaderMeansNoLinks() {
    assertThat(LinkHeader.parse(null)).isEmpty();
  }
}
