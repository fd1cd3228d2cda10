package org.tokendesk.doctor;

/** Enough of semantic versions to compare lock file entries: major.minor.patch, anything after is ignored. */
final class Semver {
    private Semver() {
    }

    static int[] parts(String version) {
        String v = version.strip().replaceFirst("^[v=^~]+", "");
        String[] bits = v.split("[.+-]", 4);
        int[] out = new int[3];
        for (int i = 0; i < 3 && i < bits.length; i++) {
            try {
                out[i] = Integer.parseInt(bits[i]);
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        return out;
    }

    static int compare(String a, String b) {
        int[] x = parts(a);
        int[] y = parts(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return a.compareTo(b);
    }

    static boolean atLeast(String version, String floor) {
        return compare(version, floor) >= 0;
    }
}
