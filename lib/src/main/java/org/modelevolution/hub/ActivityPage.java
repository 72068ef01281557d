package org.modelevolution.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One page of the undocumented {@code /api/recent-activity} feed (api-reference.md 1.13): items
 * kept as raw JSON because their shape is unconfirmed, and the opaque cursor of the next page.
 */
public record ActivityPage(List<JsonNode> items, Optional<String> cursor) {}
