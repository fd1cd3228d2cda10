package org.tokendesk.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version as release tags spell it, compared the way SemVer does: {@code v1.2}, {@code 1.2.0},
 * {@code 1.3.0-rc.1}, {@code 1.3.0+build.7}. Missing numbers count as 0; a pre-release sorts
 * before its release; build metadata is ignored.
 */
public record ReleaseVersion(List<Integer> numbers, List<String> preRelease) implements Comparable<ReleaseVersion> {
    private static final Pattern FORM = Pattern.compile(
            "[vV]?(\\d{1,9}(?:\\.\\d{1,9}){0,3})(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z.-]+)?");

    public ReleaseVersion {
        numbers = List.copyOf(numbers);
        preRelease = List.copyOf(preRelease);
    }

    /** Empty when the text is not a version (a tag such as {@code latest} or {@code nightly}). */
    public static Optional<ReleaseVersion> parse(String text) {
        if (text == null || text.length() > 100) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        List<Integer> numbers = new ArrayList<>();
        for (String n : m.group(1).split("\\.")) {
            numbers.add(Integer.parseInt(n));
        }
        List<String> pre = m.group(2) == null ? List.of() : List.of(m.group(2).split("\\."));
        return Optional.of(new ReleaseVersion(numbers, pre));
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    @Override
    public int compareTo(ReleaseVersion other) {
        for (int i = 0; i < Math.max(numbers.size(), other.numbers.size()); i++) {
            int c = Integer.compare(number(i), other.number(i));
            if (c != 0) {
                return c;
            }
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
            int c = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    public boolean isNewerThan(ReleaseVersion other) {
        return compareTo(other) > 0;
    }

    private int number(int i) {
        return i < numbers.size() ? numbers.get(i) : 0;
    }

    /** SemVer: numeric identifiers compare as numbers and sort before alphanumeric ones. */
    private static int compareIdentifiers(String a, String b) {
        boolean an = a.chars().allMatch(Character::isDigit);
        boolean bn = b.chars().allMatch(Character::isDigit);
        if (an && bn) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < numbers.size(); i++) {
            s.append(i == 0 ? "" : ".").append(numbers.get(i));
        }
        if (!preRelease.isEmpty()) {
            s.append('-').append(String.join(".", preRelease));
        }
        return s.toString();
    }
}
