package org.modelevolution.mining;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.modelevolution.io.PandasCsv;

/**
 * The study-schema writers against output of the Python writers they imitate (strings produced
 * by Python 3.11's {@code csv.writer(lineterminator="\n")} and by the {@code to_json(indent=2)}
 * layout of /work/shared/scale/make_paper_scale.py), and the seeded samplers.
 */
class StudyWritersTest {
  @Test
  void csvQuotesLikePandas() {
    assertThat(PandasCsv.line("a,b", "say \"hi\"", "multi\nline", "plain", "", "Berg, Zoë", "cr\rx"))
        .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"multi\nline\",plain,,\"Berg, Zoë\",cr\rx\n");
  }

  @Test
  void jsonIsLaidOutLikePandasToJson() {
    Map<String, Object> lfs = new LinkedHashMap<>();
    lfs.put("sha256", "ab");
    lfs.put("size", 5);
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("rfilename", "a/b \"q\"\t.bin");
    first.put("lfs", null);
    Map<String, Object> second = new LinkedHashMap<>();
    second.put("rfilename", "c");
    second.put("lfs", lfs);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("index", 3);
    record.put("id", "acme/x");
    record.put("author", "Zoë 样本");
    record.put("created_at", 1646263744000L);
    record.put("private", false);
    record.put("gated", false);
    record.put("disabled", null);
    record.put("tags", List.of());
    record.put("card", Map.of());
    record.put("siblings", List.of(first, second));
    assertThat(PandasJson.write(List.of(record))).isEqualTo(
        "[\n  {\n    \"index\":3,\n    \"id\":\"acme\\/x\",\n    \"author\":\"Zo\\u00eb \\u6837\\u672c\",\n"
        + "    \"created_at\":1646263744000,\n    \"private\":false,\n    \"gated\":false,\n    \"disabled\":null,\n"
        + "    \"tags\":[\n\n    ],\n    \"card\":{\n\n    },\n    \"siblings\":[\n      {\n"
        + "        \"rfilename\":\"a\\/b \\\"q\\\"\\t.bin\",\n        \"lfs\":null\n      },\n      {\n"
        + "        \"rfilename\":\"c\",\n        \"lfs\":{\n          \"sha256\":\"ab\",\n          \"size\":5\n"
        + "        }\n      }\n    ]\n  }\n]");
  }

  record Item(String id, YearMonth month) {}

  @Test
  void monthStratifiedSampleIsEvenSeededAndOrderFree() {
    List<Item> items = new ArrayList<>();
    // 2023-01 has 2 items, 2023-02 has 30, 2023-03 has 30.
    IntStream.range(0, 2).forEach(i -> items.add(new Item("a" + i, YearMonth.of(2023, 1))));
    IntStream.range(0, 30).forEach(i -> items.add(new Item("b" + i, YearMonth.of(2023, 2))));
    IntStream.range(0, 30).forEach(i -> items.add(new Item("c" + i, YearMonth.of(2023, 3))));
    List<Item> sample = StratifiedSample.byMonth(items, 20, 42, Item::month, Item::id);
    Map<YearMonth, Long> perMonth = sample.stream().collect(Collectors.groupingBy(Item::month, Collectors.counting()));
    assertThat(perMonth).containsEntry(YearMonth.of(2023, 1), 2L).containsEntry(YearMonth.of(2023, 2), 9L)
        .containsEntry(YearMonth.of(2023, 3), 9L);
    List<Item> reversed = new ArrayList<>(items);
    java.util.Collections.reverse(reversed);
    assertThat(StratifiedSample.byMonth(reversed, 20, 42, Item::month, Item::id)).isEqualTo(sample);
    assertThat(StratifiedSample.byMonth(items, 20, 43, Item::month, Item::id)).isNotEqualTo(sample);
    assertThat(StratifiedSample.uniform(items, 100, 1, Item::id)).hasSize(62);
  }
}
