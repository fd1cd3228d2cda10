package org.tokendesk.ui.ownregistry;

import java.util.List;
import java.util.OptionalInt;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

import org.tokendesk.i18n.RegistrationWords;
import org.tokendesk.i18n.Text;
import org.tokendesk.registry.Reach;
import org.tokendesk.registry.RegistrySnapshot;
import org.tokendesk.ui.Ticker;
import org.tokendesk.ui.Tone;

/**
 * The registry on this computer, live: who is online (tokens masked), since when, from where, the
 * port each answered, the lookups it served and the last answer, with Disconnect per registrant;
 * and the lines that point bots and puppet services at it. Read from the registry's snapshot on
 * every change it reports and once a second (lookups report nothing).
 */
public final class RegistryView {
    private final RegistrySwitch registry;
    private final BorderPane root = new BorderPane();
    private final Label status = new Label();
    private final Label details = new Label();
    private final TableView<RegistrySnapshot.Row> table = new TableView<>();
    private final GridPane lines = new GridPane();
    private final ChangeListener<Object> refresh = (o, was, now) -> refresh();

    public RegistryView(RegistrySwitch registry) {
        this.registry = registry;
        root.setId("ownRegistryView");
        status.setId("ownRegistryStatus");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_BOLD);
        table.setId("ownRegistryTable");
        table.setPlaceholder(new Label(Text.get("ownRegistry.view.nobody")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(
                column("ownRegistry.column.token", 150, r -> r.maskedToken()),
                column("ownRegistry.column.since", 115, r -> RegistrationWords.time(r.since())),
                column("ownRegistry.column.from", 110, RegistrySnapshot.Row::from),
                column("ownRegistry.column.port", 115, r -> port(r.port())),
                column("ownRegistry.column.lookups", 75, r -> Long.toString(r.lookups())),
                column("ownRegistry.column.lastAnswer", 230, RegistryView::lastAnswer),
                column("ownRegistry.column.reach", 150, r -> reach(r.reach())),
                disconnectColumn()));
        lines.setId("ownRegistryLines");
        lines.setHgap(8);
        lines.setVgap(6);
        Label linesTitle = new Label(Text.get("ownRegistry.lines.title"));
        linesTitle.getStyleClass().add(Styles.TEXT_BOLD);
        VBox bottom = new VBox(6, linesTitle, lines);
        details.setId("ownRegistryDetails");
        details.setWrapText(true);
        details.getStyleClass().add(Styles.TEXT_MUTED);
        root.setTop(new VBox(2, status, details));
        root.setCenter(table);
        root.setBottom(bottom);
        BorderPane.setMargin(root.getTop(), new Insets(0, 0, 8, 0));
        BorderPane.setMargin(bottom, new Insets(10, 0, 0, 0));
        root.setPadding(new Insets(12));
        VBox.setVgrow(table, Priority.ALWAYS);
        registry.state().addListener(refresh);
        registry.changes().addListener(refresh);
        Ticker.seconds().addListener(refresh);
        refresh();
    }

    public Parent view() {
        return root;
    }

    /** Stops following the registry (the window closed). */
    public void dispose() {
        registry.state().removeListener(refresh);
        registry.changes().removeListener(refresh);
        Ticker.seconds().removeListener(refresh);
    }

    TableView<RegistrySnapshot.Row> table() {
        return table;
    }

    private void refresh() {
        RegistrySwitch.State state = registry.state().get();
        showStatus(state);
        if (state instanceof RegistrySwitch.State.Running running) {
            RegistrySnapshot snapshot = running.server().core().snapshot();
            details.setText(Text.get(running.server().tls() ? "ownRegistry.details.tls" : "ownRegistry.details.plain",
                    snapshot.lookups(), RegistrationWords.time(snapshot.started()))
                    + " · " + Text.get(snapshot.allowListActive() ? "ownRegistry.details.allowList" : "ownRegistry.details.everyone"));
            if (!snapshot.rows().equals(table.getItems())) {
                table.getItems().setAll(snapshot.rows());
            }
            showLines(running);
        } else {
            table.getItems().clear();
            lines.getChildren().clear();
            details.setText("");
        }
    }

    private void showStatus(RegistrySwitch.State state) {
        status.setText(OwnRegistryWords.line(state, registry.online().get()));
        if (state instanceof RegistrySwitch.State.Failed) {
            Tone.ERROR.apply(status);
        } else if (state instanceof RegistrySwitch.State.Running) {
            Tone.OK.apply(status);
        } else {
            Tone.MUTED.apply(status);
        }
    }

    private void showLines(RegistrySwitch.State.Running running) {
        List<String[]> wanted = OwnRegistryWords.linesToCopy(running);
        if (lines.getChildren().size() == wanted.size() * 3
                && ((TextField) lines.getChildren().get(1)).getText().equals(wanted.get(0)[1])) {
            return;
        }
        lines.getChildren().clear();
        for (int i = 0; i < wanted.size(); i++) {
            String[] line = wanted.get(i);
            Label who = new Label(line[0]);
            TextField text = new TextField(line[1]);
            text.setId("ownRegistryLine" + i);
            text.setEditable(false);
            text.getStyleClass().add("monospace");
            text.setPrefColumnCount(46);
            Button copy = new Button(Text.get("ownRegistry.lines.copy"));
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(line[1]);
                Clipboard.getSystemClipboard().setContent(content);
            });
            GridPane.setHgrow(text, Priority.ALWAYS);
            lines.addRow(i, who, text, copy);
        }
    }

    private static TableColumn<RegistrySnapshot.Row, String> column(String key, double width,
                                                                     java.util.function.Function<RegistrySnapshot.Row, String> value) {
        TableColumn<RegistrySnapshot.Row, String> column = new TableColumn<>(Text.get(key));
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }

    private TableColumn<RegistrySnapshot.Row, String> disconnectColumn() {
        TableColumn<RegistrySnapshot.Row, String> column = new TableColumn<>("");
        column.setPrefWidth(110);
        column.setSortable(false);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().maskedToken()));
        column.setCellFactory(c -> new TableCell<>() {
            private final Button button = new Button(Text.get("ownRegistry.disconnect"));

            {
                button.getStyleClass().addAll(Styles.SMALL, "own-registry-disconnect");
                button.setTooltip(new Tooltip(Text.get("ownRegistry.disconnect.tooltip")));
                button.setOnAction(e -> {
                    RegistrySnapshot.Row row = getTableRow() == null ? null : getTableRow().getItem();
                    if (row != null) {
                        registry.disconnect(row.serial());
                    }
                });
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setGraphic(empty || item == null ? null : button);
            }
        });
        return column;
    }

    private static String port(OptionalInt port) {
        return port.isPresent() ? Integer.toString(port.getAsInt()) : Text.get("ownRegistry.noPort");
    }

    private static String lastAnswer(RegistrySnapshot.Row row) {
        return row.lastAnswer().map(a -> Text.get(a.fresh() ? "ownRegistry.answer.fresh" : "ownRegistry.answer.stoodIn",
                a.host() + ":" + a.port(), RegistrationWords.time(a.at()))).orElse(Text.get("ownRegistry.answer.none"));
    }

    private static String reach(Reach reach) {
        if (reach instanceof Reach.Reachable r) {
            return Text.get("ownRegistry.reach.yes", r.millis());
        }
        if (reach instanceof Reach.Unreachable u) {
            return Text.get("ownRegistry.reach.no", u.why());
        }
        return Text.get("registry.reach.notChecked");
    }
}
