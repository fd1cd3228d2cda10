package org.tokendesk.ui.main;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.util.Duration;

import atlantafx.base.theme.Styles;

import org.tokendesk.discovery.Lookup;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.ui.Tone;
import org.tokendesk.ui.liveness.ProbeWords;
import org.tokendesk.ui.model.TokenRow;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.RowCheck;
import org.tokendesk.ui.model.RowProbe;
import org.tokendesk.ui.model.RowHint;

/** The token list: label, masked token with reveal, SNI, state and time of the last check. */
final class TokenTable {
    /** How long a revealed token stays visible: long enough to read, short enough for screenshots. */
    static final Duration REVEAL_TIME = Duration.seconds(15);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    private TokenTable() {
    }

    /** @param revealTime how long a revealed token stays whole ({@link #REVEAL_TIME} in the app) */
    static TableView<TokenRow> create(TokenListModel model, Duration revealTime) {
        TableView<TokenRow> table = new TableView<>();
        table.setId("tokenTable");
        table.setEditable(true);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(Text.get("ui.table.empty")));
        table.setFixedCellSize(30);
        SortedList<TokenRow> sorted = new SortedList<>(model.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getColumns().add(labelColumn());
        table.getColumns().add(tokenColumn(revealTime));
        table.getColumns().add(sniColumn());
        table.getColumns().add(stateColumn());
        table.getColumns().add(serviceColumn());
        table.getColumns().add(onlineColumn(model));
        table.getColumns().add(checkedColumn());
        return table;
    }

    private static TableColumn<TokenRow, String> labelColumn() {
        TableColumn<TokenRow, String> c = new TableColumn<>(Text.get("ui.column.label"));
        c.setId("labelColumn");
        c.setCellValueFactory(f -> f.getValue().labelProperty());
        c.setCellFactory(TextFieldTableCell.forTableColumn());
        c.setOnEditCommit(e -> e.getRowValue().rename(e.getNewValue().strip()));
        c.setPrefWidth(150);
        return c;
    }

    private static TableColumn<TokenRow, TokenRow> tokenColumn(Duration revealTime) {
        TableColumn<TokenRow, TokenRow> c = new TableColumn<>(Text.get("ui.column.token"));
        c.setId("tokenColumn");
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new TokenCell(revealTime));
        c.setSortable(false);
        c.setPrefWidth(190);
        // A narrow window takes room from the wordier columns, never from the token and its Show button.
        c.setMinWidth(185);
        return c;
    }

    private static TableColumn<TokenRow, String> sniColumn() {
        TableColumn<TokenRow, String> c = new TableColumn<>(Text.get("ui.column.sni"));
        c.setId("sniColumn");
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().token().sni().orElse("—")));
        c.setPrefWidth(130);
        return c;
    }

    private static TableColumn<TokenRow, RowCheck> stateColumn() {
        TableColumn<TokenRow, RowCheck> c = new TableColumn<>(Text.get("ui.column.state"));
        c.setId("stateColumn");
        c.setCellValueFactory(f -> f.getValue().checkProperty());
        c.setCellFactory(col -> new StateCell());
        c.setComparator((a, b) -> Integer.compare(severity(a), severity(b)));
        c.setPrefWidth(270);
        return c;
    }

    private static TableColumn<TokenRow, RowProbe> serviceColumn() {
        TableColumn<TokenRow, RowProbe> c = new TableColumn<>(Text.get("ui.column.service"));
        c.setId("serviceColumn");
        c.setCellValueFactory(f -> f.getValue().probeProperty());
        c.setCellFactory(col -> new TableCell<>() {
            private final Tooltip tooltip = new Tooltip();

            @Override
            protected void updateItem(RowProbe item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    Tone.clear(this);
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(ProbeWords.brief(item));
                ProbeWords.tone(item).apply(this);
                tooltip.setText(ProbeWords.full(item));
                tooltip.setWrapText(true);
                tooltip.setMaxWidth(420);
                setTooltip(item instanceof RowProbe.Probed ? tooltip : null);
            }
        });
        c.setSortable(false);
        c.setPrefWidth(120);
        c.setMinWidth(105);
        return c;
    }

    private static TableColumn<TokenRow, TokenRow> onlineColumn(TokenListModel model) {
        TableColumn<TokenRow, TokenRow> c = new TableColumn<>(Text.get("ui.column.online"));
        c.setId("onlineColumn");
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new OnlineCell(model));
        c.setComparator((a, b) -> Boolean.compare(b.keepOnline(), a.keepOnline()));
        c.setPrefWidth(195);
        c.setMinWidth(195);
        return c;
    }

    private static TableColumn<TokenRow, RowCheck> checkedColumn() {
        TableColumn<TokenRow, RowCheck> c = new TableColumn<>(Text.get("ui.column.checked"));
        c.setId("checkedColumn");
        c.setCellValueFactory(f -> f.getValue().checkProperty());
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(RowCheck item, boolean empty) {
                super.updateItem(item, empty);
                setText(!empty && item instanceof RowCheck.Checked done ? TIME.format(done.at()) : null);
            }
        });
        c.setComparator((a, b) -> {
            long x = a instanceof RowCheck.Checked ca ? ca.at().toEpochMilli() : 0;
            long y = b instanceof RowCheck.Checked cb ? cb.at().toEpochMilli() : 0;
            return Long.compare(x, y);
        });
        c.setPrefWidth(100);
        c.setMinWidth(100);
        return c;
    }

    static int severity(RowCheck check) {
        if (check instanceof RowCheck.Checked c) {
            Lookup l = c.lookup();
            return l instanceof Lookup.Resolved ? 0 : l instanceof Lookup.Unreachable ? 1 : l instanceof Lookup.NotRegistered ? 2 : 3;
        }
        return check instanceof RowCheck.Checking ? 4 : 5;
    }

    static Tone tone(RowCheck check) {
        switch (severity(check)) {
            case 0:
                return Tone.OK;
            case 1:
            case 2:
                return Tone.WARN;
            case 3:
                return Tone.ERROR;
            default:
                return Tone.MUTED;
        }
    }

    static String describe(RowCheck check) {
        if (check instanceof RowCheck.Checked c) {
            return Words.of(c.lookup());
        }
        return Text.get(check instanceof RowCheck.Checking ? "lookup.checking" : "lookup.notChecked");
    }

    /** Masked token with a reveal button; a revealed token hides itself again after the reveal time. */
    private static final class TokenCell extends TableCell<TokenRow, TokenRow> {
        private final Button reveal = new Button();
        private TokenRow shown;

        TokenCell(Duration revealTime) {
            reveal.getStyleClass().addAll(Styles.FLAT, "reveal-button");
            reveal.setFocusTraversable(false);
            reveal.setTooltip(new Tooltip(Text.get("ui.token.reveal.tooltip", (int) Math.ceil(revealTime.toSeconds()))));
            setContentDisplay(ContentDisplay.RIGHT);
            setGraphicTextGap(6);
            reveal.setOnAction(e -> {
                if (shown == null) {
                    return;
                }
                if (shown.revealedProperty().get()) {
                    shown.hide();
                } else {
                    shown.reveal(revealTime);
                }
            });
        }

        @Override
        protected void updateItem(TokenRow row, boolean empty) {
            super.updateItem(row, empty);
            textProperty().unbind();
            reveal.textProperty().unbind();
            shown = empty ? null : row;
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            textProperty().bind(Bindings.when(row.revealedProperty())
                    .then(row.token().reveal()).otherwise(row.token().masked()));
            reveal.textProperty().bind(Bindings.when(row.revealedProperty())
                    .then(Text.get("ui.token.hide")).otherwise(Text.get("ui.token.reveal")));
            setGraphic(reveal);
        }
    }

    private static final class StateCell extends TableCell<TokenRow, RowCheck> {
        private final Tooltip tooltip = new Tooltip();

        StateCell() {
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(420);
        }

        @Override
        protected void updateItem(RowCheck item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                Tone.clear(this);
                setText(null);
                setTooltip(null);
                watchHint(null);
                return;
            }
            String words = describe(item);
            setText(words);
            tone(item).apply(this);
            if (item instanceof RowCheck.Checked c) {
                tooltip.setText(words + "\n" + Text.get("ui.state.tooltip.registry", c.registry().displayName()));
                setTooltip(tooltip);
            } else {
                setTooltip(null);
            }
            watchHint(getIndex() >= 0 && getIndex() < getTableView().getItems().size() ? getTableView().getItems().get(getIndex()) : null);
        }

        private TokenRow hinted;
        private final ChangeListener<RowHint> onHint = (o, was, now) -> updateItem(getItem(), isEmpty());

        /** A row hint replaces the plain words while the check it belongs to stands. */
        private void watchHint(TokenRow row) {
            if (hinted != row) {
                if (hinted != null) {
                    hinted.hintProperty().removeListener(onHint);
                }
                hinted = row;
                if (row != null) {
                    row.hintProperty().addListener(onHint);
                }
            }
            RowHint hint = row == null || isEmpty() ? null : row.hintProperty().get();
            boolean shown = hint != null && getItem() instanceof RowCheck.Checked;
            // A hint's news is at its end ("… found at <registry>"): cut its start when the column is narrow.
            setTextOverrun(shown ? OverrunStyle.LEADING_WORD_ELLIPSIS : OverrunStyle.ELLIPSIS);
            if (shown) {
                setText(hint.text());
                hint.tone().apply(this);
                tooltip.setText(tooltip.getText() + "\n" + hint.detail());
            }
        }
    }
}
