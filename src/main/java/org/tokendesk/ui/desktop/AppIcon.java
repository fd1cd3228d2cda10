package org.tokendesk.ui.desktop;

import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The app icon at the sizes window managers and taskbars pick from (made by icons/build.sh).
 * For a stage: {@code AppIcon.urls().forEach(u -> stage.getIcons().add(new Image(u, true)))};
 * background loading keeps the PNG decoding off the first frame.
 */
public final class AppIcon {
    public static final List<Integer> SIZES = List.of(16, 32, 48, 64, 128, 256);

    private AppIcon() {
    }

    public static List<String> urls() {
        return SIZES.stream().map(AppIcon::url).collect(Collectors.toUnmodifiableList());
    }

    /** The icon at one of {@link #SIZES}. */
    public static URL resource(int size) {
        URL url = AppIcon.class.getResource("icon-" + size + ".png");
        if (url == null) {
            throw new IllegalStateException("icon-" + size + ".png is missing from the jar: run icons/build.sh");
        }
        return url;
    }

    private static String url(int size) {
        return resource(size).toExternalForm();
    }
}
