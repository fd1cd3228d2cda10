package org.tokendesk.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class ReleaseVersionTest {
    private static ReleaseVersion v(String text) {
        return ReleaseVersion.parse(text).orElseThrow(() -> new AssertionError(text + " should parse"));
    }

    @Test
    void readsTagsAsReleasesSpellThem() {
        assertEquals("1.2.3", v("v1.2.3").toString());
        assertEquals("1.2", v("1.2").toString());
        assertEquals("1.3.0-rc.1", v("V1.3.0-rc.1").toString());
        assertEquals("1.3.0", v("1.3.0+build.7").toString());
        assertTrue(v("2.0.0-alpha").isPreRelease());
    }

    @Test
    void refusesWhatIsNotAVersion() {
        for (String text : new String[] {"", "latest", "nightly", "v", "1.", "1..2", "1.2.3.4.5", "1.2-", "v1.2 beta",
                "99999999999.0", "1.2.3-rc..1", "x".repeat(200)}) {
            assertTrue(ReleaseVersion.parse(text).isEmpty(), text);
        }
        assertTrue(ReleaseVersion.parse(null).isEmpty());
    }

    @Test
    void sortsAsSemVerDoes() {
        List<String> expected = List.of("0.9.9", "0.10.0-alpha", "0.10.0-alpha.1", "0.10.0-alpha.beta", "0.10.0-beta",
                "0.10.0-beta.2", "0.10.0-beta.11", "0.10.0-rc.1", "0.10.0", "0.10.1", "1.0.0", "1.0.1", "2.0.0");
        List<ReleaseVersion> shuffled = expected.stream().map(ReleaseVersionTest::v).collect(Collectors.toCollection(ArrayList::new));
        Collections.reverse(shuffled);
        Collections.sort(shuffled);
        assertEquals(expected, shuffled.stream().map(ReleaseVersion::toString).collect(Collectors.toList()));
    }

    @Test
    void missingNumbersCountAsZeroAndBuildMetadataIsIgnored() {
        assertEquals(0, v("1.2").compareTo(v("1.2.0")));
        assertEquals(0, v("1.2.0+a").compareTo(v("1.2.0+b")));
        assertTrue(v("1.2.1").isNewerThan(v("1.2")));
        assertTrue(v("1.2.0").isNewerThan(v("1.2.0-rc.9")));
    }
}
