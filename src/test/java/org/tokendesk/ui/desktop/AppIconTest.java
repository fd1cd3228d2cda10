package org.tokendesk.ui.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class AppIconTest {
    @Test
    void everySizeIsInTheJarAtItsSize() throws IOException {
        List<String> urls = AppIcon.urls();
        assertEquals(AppIcon.SIZES.size(), urls.size());
        for (int i = 0; i < urls.size(); i++) {
            try (InputStream in = new URL(urls.get(i)).openStream()) {
                BufferedImage image = ImageIO.read(in);
                int size = AppIcon.SIZES.get(i);
                assertEquals(size, image.getWidth(), urls.get(i));
                assertEquals(size, image.getHeight(), urls.get(i));
            }
        }
    }
}
