package org.tokendesk.ui.main;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import org.tokendesk.i18n.Text;
import org.tokendesk.ui.Tone;
import org.tokendesk.ui.model.DetailSection;
import org.tokendesk.ui.model.DetailSection.Selection;
import org.tokendesk.ui.model.TokenRow;
import org.tokendesk.ui.model.RowCheck;

/**
 * Everything about the selected token, below the table: the lookup in full words, and one tab per
 * feature that other parts of the window add ({@link #addTab}).
 */
public final class DetailPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    private final StackPane root = new StackPane();
    private final TabPane tabs = new TabPane();
    private final Label empty = new Label(Text.get("detail.none"));
    private final Label title = new Label();
    private final Label token = new Label();
    private final Label sni = new Label();
    private final Label state = new Label();
    private final Label registry = new Label();
    private final Label checkedAt = new Label();
    private final ObjectProperty<TokenRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final Selection selection = new Selection(selected, root.sceneProperty().isNotNull());

    public DetailPane() {
        root.setId("detailPane");
        root.getStyleClass().add("detail-pane");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab overview = new Tab(Text.get("detail.overview"), scroll(overview()));
        overview.setId("overviewTab");
        tabs.getTabs().add(overview);
        root.getChildren().addAll(tabs, empty);
        tabs.visibleProperty().bind(selected.isNotNull());
        empty.visibleProperty().bind(selected.isNull());
        title.textProperty().bind(selection.follow(row -> row.labelProperty().map(l -> l.isBlank() ? row.token().masked() : l)));
        token.textProperty().bind(selected.map(row -> row.token().masked()));
        sni.textProperty().bind(selected.map(row -> row.token().sni().map(s -> Text.get("detail.sni.value", s)).orElse(Text.get("token.noSni"))));
        selection.follow(TokenRow::checkProperty).addListener((o, was, now) -> showCheck(now));
    }

    /** The row the tabs show; sections bind to it once. */
    public Selection selection() {
        return selection;
    }

    public Node view() {
        return root;
    }

    public void addTab(DetailSection section) {
        tabs.getTabs().add(new Tab(section.title(), section.view()));
    }

    public void select(int tabIndex) {
        tabs.getSelectionModel().select(tabIndex);
    }

    public void show(TokenRow row) {
        selected.set(row);
    }

    private Node overview() {
        title.getStyleClass().add(Styles.TITLE_4);
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
        name.getStyleClass().add(Styles.TEXT_MUTED);
        value.setWrapText(true);
        grid.addRow(row, name, value);
    }

    private void showCheck(RowCheck check) {
        if (check == null) {
            return;
        }
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
