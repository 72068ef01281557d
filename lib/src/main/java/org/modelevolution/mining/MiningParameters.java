package org.modelevolution.mining;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.modelevolution.study.Group;

/**
 * What the pipeline mines. The defaults reproduce the study's final iteration; {@code until}
 * moves the cut-off, e.g. to extend the study past 2024.
 *
 * @param lastModifiedSince keep repositories last modified on or after this day (UTC)
 * @param until exclusive end: repositories created and commits made before it
 * @param legacyBefore repositories created before it are legacy, the others recent
 * @param sizeLimitBytes largest repository kept (sum of its files), 0 for no limit
 * @param seed the sampling seed
 * @param perGroup repositories per group, 0 to balance the recent group to the legacy one
 * @param maxPages stop listing after this many pages, 0 for the whole Hub
 * @param pageSize models per listing page
 * @param security the formats step also records the Hub's own pickle scan of every model file
 *     beside ours ({@code --security}, see {@link FormatsSecurity}); off in the study
 */
public record MiningParameters(
    LocalDate lastModifiedSince,
    Instant until,
    LocalDate legacyBefore,
    long sizeLimitBytes,
    long seed,
    int perGroup,
    int maxPages,
    int pageSize,
    boolean security) {

  public static MiningParameters study() {
    return new MiningParameters(LocalDate.of(2024, 1, 1), Instant.parse("2025-01-01T00:00:00Z"),
        Group.SAFETENSORS_RELEASE, 0, 42, 0, 0, 1000, false);
  }

  public Instant lastModifiedSinceInstant() {
    return lastModifiedSince.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public Instant legacyBeforeInstant() {
    return legacyBefore.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public MiningParameters withUntil(Instant newUntil) {
    return new MiningParameters(lastModifiedSince, newUntil, legacyBefore, sizeLimitBytes, seed, perGroup,
        maxPages, pageSize, security);
  }

  public MiningParameters withPerGroup(int n) {
    return new MiningParameters(lastModifiedSince, until, legacyBefore, sizeLimitBytes, seed, n, maxPages,
        pageSize, security);
  }

  public MiningParameters withSeed(long newSeed) {
    return new MiningParameters(lastModifiedSince, until, legacyBefore, sizeLimitBytes, newSeed, perGroup,
        maxPages, pageSize, security);
  }

  public MiningParameters withPaging(int newMaxPages, int newPageSize) {
    return new MiningParameters(lastModifiedSince, until, legacyBefore, sizeLimitBytes, seed, perGroup,
        newMaxPages, newPageSize, security);
  }

  public MiningParameters withSizeLimit(long bytes) {
    return new MiningParameters(lastModifiedSince, until, legacyBefore, bytes, seed, perGroup, maxPages,
        pageSize, security);
  }

  /** The same parameters with the Hub cross-check of pickle scans on or off. */
  public MiningParameters withSecurity(boolean on) {
    return new MiningParameters(lastModifiedSince, until, legacyBefore, sizeLimitBytes, seed, perGroup, maxPages,
        pageSize, on);
  }

  /**
   * The form recorded in run manifests. {@code security} is not in it: only the formats step's
   * run records it (and only when on), so that the other steps' manifests, and every manifest of
   * a run without it, stay what they were.
   */
  public Map<String, String> asMap() {
    Map<String, String> map = new TreeMap<>();
    map.put("lastModifiedSince", lastModifiedSince.toString());
    map.put("until", until.toString());
    map.put("legacyBefore", legacyBefore.toString());
    map.put("sizeLimitBytes", Long.toString(sizeLimitBytes));
    map.put("seed", Long.toString(seed));
    map.put("perGroup", Integer.toString(perGroup));
    map.put("maxPages", Integer.toString(maxPages));
    map.put("pageSize", Integer.toString(pageSize));
    return map;
  }
}
