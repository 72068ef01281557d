package org.modelevolution.hub;

import java.util.OptionalLong;

/**
 * The bytes of a ranged {@code /resolve/} read (api-reference.md 1.10) with what it cost.
 *
 * @param bytes the bytes received (fewer than asked when the file is shorter)
 * @param totalSize the file's size from {@code Content-Range} or {@code X-Linked-Size}, if stated
 * @param requests HTTP exchanges it took, redirects and retries included
 * @param transferredBytes body bytes received over the network, retries included
 */
public record RangeRead(byte[] bytes, OptionalLong totalSize, int requests, long transferredBytes) {}
