package org.tokendesk.ui.desktop;

import java.net.URL;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

import org.tokendesk.i18n.Text;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/**
 * The app's life on the desktop beyond its window: the tray with the count of tokens online,
 * what closing the window means, and notices when a kept-online token drops or comes back.
 */
public final class TrayAndNotices {
    /** Drops and recoveries within this window make one notice. */
    static final Duration GATHER = Duration.seconds(2);

    private final Stage stage;
    private final TokenListModel model;
    private final WindowClose close;
    private final OnlineWatch watch;
    private final BiConsumer<String, Boolean> banner;

    /** @param banner shows a notice in the window: (text, isProblem) */
    public TrayAndNotices(Stage stage, TokenListModel model, WindowClose.Told told, BiConsumer<String, Boolean> banner) {
        this.stage = stage;
        this.model = model;
        this.close = new WindowClose(stage, this::keptOnline, told, Platform::exit);
        this.banner = banner;
        this.watch = new OnlineWatch(model.rows(), GATHER, notice -> tell(notice, banner));
        stage.setOnCloseRequest(close::handle);
    }

    /** Puts the icon in the tray where there is one; then closing the window hides it there. */
    public void installTray(URL icon, boolean startMinimized) {
        AwtTray.install(icon, this::show, Platform::exit).thenAccept(found -> Platform.runLater(() -> found.ifPresent(tray -> {
            Platform.setImplicitExit(false);
            close.useTray(tray);
            tray.setOnline(watch.onlineProperty().get());
            watch.onlineProperty().addListener((o, was, now) -> tray.setOnline(now.intValue()));
            if (startMinimized) {
                stage.hide();
            }
        })));
    }

    public void remove() {
        close.tray().ifPresent(Tray::remove);
    }

    private void show() {
        stage.show();
        stage.setIconified(false);
        stage.toFront();
    }

    private int keptOnline() {
        return (int) model.rows().stream().filter(TokenRow::keepOnline).count();
    }

    private void tell(OnlineWatch.Notice notice, BiConsumer<String, Boolean> banner) {
        if (!notice.dropped().isEmpty()) {
            String names = notice.dropped().entrySet().stream().limit(3)
                    .map(e -> name(e.getKey()) + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
            say(Text.get("notice.dropped", notice.dropped().size(), names), true, banner);
        }
        if (!notice.recovered().isEmpty()) {
            say(Text.get("notice.recovered", notice.recovered().size(), names(notice.recovered())), false, banner);
        }
    }

    /** A notice of the app's (an outage that lasts): in the window, and from the tray while the window is away. */
    public void tell(String text, boolean problem) {
        say(text, problem, banner);
    }

    private void say(String text, boolean problem, BiConsumer<String, Boolean> banner) {
        banner.accept(text, problem);
        boolean away = !stage.isShowing() || stage.isIconified() || !stage.isFocused();
        if (away) {
            close.tray().ifPresent(t -> t.notify(Text.get("app.name"), text, problem ? Tray.Kind.WARNING : Tray.Kind.INFO));
        }
    }

    private static String names(List<TokenRow> rows) {
        return rows.stream().limit(3).map(TrayAndNotices::name).collect(Collectors.joining(", ")) + (rows.size() > 3 ? ", …" : "");
    }

    /** Labels where given, otherwise the masked token: notices may end up on screenshots. */
    private static String name(TokenRow row) {
        return row.label().isBlank() ? row.token().masked() : row.label();
    }
}
