package org.modelevolution.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.facts.SafetensorsReleaseTable.Release;

class SafetensorsReleaseTableTest {
  @TempDir Path dir;

  @Test
  void appliesTheStudysRuleToAFixtureTagTable() throws Exception {
    Path facts = dir.resolve("tags.csv");
    Files.writeString(facts, String.join("\n",
        "tag,tag_object,tag_date,commit,commit_date",
        "python-v0.0.1,commit,2022-09-23T11:56:49+02:00,a,x",
        // one release under two names on one day: the study keeps the name without python-
        "python-v0.2.6,commit,2022-12-12T14:59:19+01:00,b,x",
        "v0.2.6,commit,2022-12-12T14:59:19+01:00,b,x",
        // release candidates are dropped whatever their spelling
        "v0.3.0rc1,commit,2023-03-01T21:45:08+01:00,c,x",
        "v0.3.2.rc1,commit,2023-08-07T15:46:19+02:00,d,x",
        "v0.6.0-rc0,commit,2025-06-16T08:33:48+02:00,e,x",
        // the day is the one in the tag's own offset, not UTC
        "v0.3.0,commit,2023-03-03T00:21:07+01:00,f,x",
        ""));
    List<Release> releases = SafetensorsReleaseTable.derive(SafetensorsReleaseTable.readTags(facts));
    assertEquals(List.of(
        new Release("v0.0.1", LocalDate.of(2022, 9, 23)),
        new Release("v0.2.6", LocalDate.of(2022, 12, 12)),
        new Release("v0.3.0", LocalDate.of(2023, 3, 3))), releases);
  }

  @Test
  void theStudysRuleKeepsOneTagPerDateWithoutRcOrPythonPrefix() {
    List<Release> releases = SafetensorsReleaseTable.derive(List.of(
        new String[] {"v0.4.5", "2024-09-05"}, new String[] {"python-v0.4.5", "2024-09-05"},
        new String[] {"v0.4.5rc1", "2024-09-01"}, new String[] {"python-v0.4.4", "2024-08-07"}));
    assertEquals(List.of(new Release("v0.4.4", LocalDate.of(2024, 8, 7)), new Release("v0.4.5", LocalDate.of(2024, 9, 5))),
        releases);
  }

  @Test
  void twoDistinctTagsOnOneDateKeepTheLaterInTagOrder() {
    List<Release> releases = SafetensorsReleaseTable.derive(List.of(
        new String[] {"v0.5.1", "2025-01-07"}, new String[] {"v0.5.2", "2025-01-07"}));
    assertEquals(List.of(new Release("v0.5.2", LocalDate.of(2025, 1, 7))), releases);
  }

  @Test
  void csvNamesItsSourceAndRuleOnEveryRow() {
    String csv = SafetensorsReleaseTable.toCsv(
        List.of(new Release("v0.0.1", LocalDate.of(2022, 9, 23))), "facts/tags.csv");
    String[] lines = csv.split("\n");
    assertEquals("tag,date,source", lines[0]);
    assertEquals("v0.0.1,2022-09-23,\"facts/tags.csv: " + SafetensorsReleaseTable.RULE + "\"", lines[1]);
  }
}
