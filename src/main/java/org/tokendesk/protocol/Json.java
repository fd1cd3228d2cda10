package org.tokendesk.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON reader of the wire protocol, bounded by {@link FrameLimits}. */
final class Json {
    private static final ObjectMapper DEFAULT = mapper(FrameLimits.DEFAULT);

    private Json() {
    }

    static ObjectMapper mapper(FrameLimits limits) {
        if (limits.equals(FrameLimits.DEFAULT) && DEFAULT != null) {
            return DEFAULT;
        }
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxStringLength(limits.maxChars())
                        .maxNumberLength(limits.maxNumberDigits())
                        .build())
                .build();
        // Decimals kept as BigDecimal with their scale: an id like 1.50 is answered as 1.50.
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .build();
    }
}
