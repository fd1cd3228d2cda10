package org.tokendesk.protocol;

/**
 * Bounds on one frame before and while it is parsed: its length in characters, how deeply its JSON
 * may nest, and how many digits a number may have (an id far beyond 64 bits is fine, a megabyte
 * of digits is not).
 */
public record FrameLimits(int maxChars, int maxDepth, int maxNumberDigits) {
    /** Keep-online's limits since the first release: 1 MiB, 64 levels, 1,000 digits. */
    public static final FrameLimits DEFAULT = new FrameLimits(1024 * 1024, 64, 1000);

    public FrameLimits {
        if (maxChars < 16 || maxDepth < 2 || maxNumberDigits < 20) {
            throw new IllegalArgumentException("frame limits too small: " + maxChars + ", " + maxDepth + ", " + maxNumberDigits);
        }
    }
}
