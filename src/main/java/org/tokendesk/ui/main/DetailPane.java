package org.tokendesk.ui.main;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import org.tokendesk.i18n.Text;
import org.tokendesk.ui.Tone;

/**
 * Everything about the selected token, below the table: the lookup in full words, and one tab per
 * feature that other parts of the window add ({@link #addTab}).
 */
public final class DetailPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    /** A tab that follows the selected row. */
    public interface Section {
        String title();

        Node view();

        /** Called on the JavaFX thread with the newly selected row, or null when none is. */
        void show(TokenRow row);
    }

    private final StackPane root = new StackPane();
    private final TabPane tabs = new TabPane();
    private final Label empty = new Label(Text.get("detail.none"));
    private final Label title = new Label();
    private final Label token = new Label();
    private final Label sni = new Label();
    private final Label state = new Label();
    private final Label registry = new Label();
    private final Label checkedAt = new Label();
    private final java.util.List<Section> sections = new java.util.ArrayList<>();
    private final ChangeListener<RowCheck> onCheck = (o, was, now) -> showCheck(now);
    private TokenRow shown;

    public DetailPane() {
        root.setId("detailPane");
        root.getStyleClass().add("detail-pane");
        empty.getStyleClass().add("text-muted");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab overview = new Tab(Text.get("detail.overview"), scroll(overview()));
        overview.setId("overviewTab");
        tabs.getTabs().add(overview);
        root.getChildren().addAll(tabs, empty);
        show(null);
    }

    public Node view() {
        return root;
    }

    public void addTab(Section section) {
        Tab tab = new Tab(section.title(), section.view());
        tabs.getTabs().add(tab);
        sections.add(section);
        section.show(shown);
    }

    public void select(int tabIndex) {
        tabs.getSelectionModel().select(tabIndex);
    }

    public void show(TokenRow row) {
        if (shown != null) {
            shown.checkProperty().removeListener(onCheck);
            title.textProperty().unbind();
        }
        shown = row;
        tabs.setVisible(row != null);
        empty.setVisible(row == null);
        if (row != null) {
            title.textProperty().bind(row.labelProperty().map(l -> l.isBlank() ? row.token().masked() : l));
            token.setText(row.token().masked());
            sni.setText(row.token().sni().map(s -> Text.get("detail.sni.value", s)).orElse(Text.get("token.noSni")));
            row.checkProperty().addListener(onCheck);
            showCheck(row.check());
        }
        sections.forEach(s -> s.show(row));
    }

    private Node overview() {
        title.getStyleClass().add("title-4");
        title.setId("detailTitle");
        state.setId("detailState");
        state.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        addRow(grid, 0, "detail.token", token);
        addRow(grid, 1, "detail.sni", sni);
        addRow(grid, 2, "detail.state", state);
        addRow(grid, 3, "detail.registry", registry);
        addRow(grid, 4, "detail.checked", checkedAt);
        VBox box = new VBox(10, title, grid);
        box.setPadding(new Insets(10, 12, 10, 12));
        return box;
    }

    private static void addRow(GridPane grid, int row, String key, Label value) {
        Label name = new Label(Text.get(key));
        name.getStyleClass().add("text-muted");
        value.setWrapText(true);
        grid.addRow(row, name, value);
    }

    private void showCheck(RowCheck check) {
        state.setText(TokenTable.describe(check));
        TokenTable.tone(check).apply(state);
        if (check instanceof RowCheck.Checked c) {
            registry.setText(c.registry().displayName());
            checkedAt.setText(Text.get("detail.checked.value", WHEN.format(c.at()), c.lookup().latency().toMillis()));
        } else {
            registry.setText("—");
            checkedAt.setText("—");
        }
    }

    private static ScrollPane scroll(Node content) {
        ScrollPane pane = new ScrollPane(content);
        pane.setFitToWidth(true);
        return pane;
    }
}
