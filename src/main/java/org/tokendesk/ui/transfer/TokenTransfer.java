package org.tokendesk.ui.transfer;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import org.tokendesk.export.ExportFormat;
import org.tokendesk.export.ExportNotes;
import org.tokendesk.export.ImportResult;
import org.tokendesk.export.ImportedEntry;
import org.tokendesk.export.TokenExport;
import org.tokendesk.export.TokenImport;
import org.tokendesk.i18n.Text;
import org.tokendesk.i18n.Words;
import org.tokendesk.registration.KeepOnlineList;
import org.tokendesk.store.SavedToken;
import org.tokendesk.token.Token;
import org.tokendesk.ui.main.MainWindow;
import org.tokendesk.ui.model.TokenListModel;
import org.tokendesk.ui.model.TokenRow;

/** File → Export and Import: the list as a JSON export or .env lines. Files are read and written off the JavaFX thread. */
public final class TokenTransfer {
    private final Stage stage;
    private final TokenListModel model;
    private final Supplier<MainWindow> window;
    private final Executor io;

    /** @param window the window as it is now (it is rebuilt when the language changes) */
    /** @param io where files are read and written */
    public TokenTransfer(Stage stage, TokenListModel model, Supplier<MainWindow> window, Executor io) {
        this.stage = stage;
        this.model = model;
        this.window = window;
        this.io = io;
    }

    /** The warning first (the file holds whole tokens), then the format and where. */
    public void exportTokens() {
        ButtonType json = new ButtonType(Text.get("export.confirm.json"));
        ButtonType dotenv = new ButtonType(Text.get("export.confirm.dotenv"));
        Alert warning = new Alert(Alert.AlertType.WARNING, Text.get("export.warning"), json, dotenv, ButtonType.CANCEL);
        warning.initOwner(stage);
        warning.setTitle(Text.get("export.confirm.title"));
        warning.setHeaderText(Text.get("export.confirm.title"));
        Optional<ButtonType> choice = warning.showAndWait();
        if (choice.isEmpty() || choice.get() == ButtonType.CANCEL) {
            return;
        }
        ExportFormat format = choice.get() == json ? ExportFormat.JSON : ExportFormat.DOTENV;
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Text.get("export.confirm.title"));
        chooser.setInitialFileName(format == ExportFormat.JSON ? "tokendesk-tokens.json" : "tokens.env");
        File target = chooser.showSaveDialog(stage);
        if (target != null) {
            export(target, format);
        }
    }

    void export(File target, ExportFormat format) {
        List<SavedToken> snapshot = model.rows().stream().map(TokenRow::toSaved).toList();
        Instant now = model.clock().instant();
        ExportNotes notes = Words.exportNotes(now);
        CompletableFuture.runAsync(() -> {
            try {
                TokenExport.write(target.toPath(), snapshot, format, now, notes);
                Platform.runLater(() -> window.get().reportInfo(Text.get("export.done", snapshot.size(), target.toString())));
            } catch (IOException e) {
                Platform.runLater(() -> window.get().reportProblem(Text.get("ui.exportFailed", target.toString(), String.valueOf(e.getMessage()))));
            }
        }, io);
    }

    public void importTokens() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Text.get("import.title"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(Text.get("import.filter"), "*.json", "*.env", "*.txt"),
                new FileChooser.ExtensionFilter("*", "*"));
        File source = chooser.showOpenDialog(stage);
        if (source != null) {
            importFrom(source);
        }
    }

    CompletableFuture<Void> importFrom(File source) {
        List<Token> existing = model.rows().stream().map(TokenRow::token).toList();
        return CompletableFuture.supplyAsync(() -> TokenImport.read(source.toPath(), existing, model.clock().instant()), io)
                .thenAccept(result -> Platform.runLater(() -> show(result)));
    }

    /** File → Import keep-online list: a provider's {@code TOKEN=PORT} file, as {@code keep-online --from} reads it. */
    public void importKeepOnline() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Text.get("keepList.title"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(Text.get("keepList.filter"), "*.txt", "*.env", "*.list"),
                new FileChooser.ExtensionFilter("*", "*"));
        File source = chooser.showOpenDialog(stage);
        if (source != null) {
            keepOnlineFrom(source);
        }
    }

    /** Read off the FX thread, bounded; the good lines are switched on (and saved), the others named. */
    CompletableFuture<Void> keepOnlineFrom(File source) {
        return CompletableFuture.supplyAsync(() -> readList(source), io)
                .thenAccept(read -> Platform.runLater(() -> showKept(source, read)));
    }

    /** The parsed list, or why the file could not be read. */
    private record ListRead(KeepOnlineList.Parsed parsed, ImportResult.Unreadable unreadable) {
    }

    private static ListRead readList(File source) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(source.toPath())) {
            bytes = in.readNBytes(KeepOnlineList.MAX_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            return new ListRead(null, new ImportResult.Unreadable(ImportResult.Unreadable.Why.IO, String.valueOf(e.getMessage())));
        }
        if (bytes.length > KeepOnlineList.MAX_BYTES) {
            return new ListRead(null, new ImportResult.Unreadable(ImportResult.Unreadable.Why.TOO_LARGE, KeepOnlineList.MAX_BYTES / (1024 * 1024) + " MiB"));
        }
        KeepOnlineList.Parsed parsed = KeepOnlineList.parse(new String(bytes, StandardCharsets.UTF_8));
        return parsed.empty() ? new ListRead(null, new ImportResult.Unreadable(ImportResult.Unreadable.Why.EMPTY, "")) : new ListRead(parsed, null);
    }

    private void showKept(File source, ListRead read) {
        if (read.unreadable() != null) {
            window.get().reportProblem(Words.of(read.unreadable()));
            return;
        }
        KeepOnlineList.Parsed parsed = read.parsed();
        TokenListModel.KeptFromList kept = model.keepOnlineAll(parsed.wanted());
        List<String> lines = new ArrayList<>();
        lines.add(Text.get("keepList.done", parsed.wanted().size(), kept.added().size(), kept.switched().size()));
        parsed.problems().stream().limit(5).map(p -> Words.of(p, source.getName())).forEach(lines::add);
        if (parsed.problems().size() > 5) {
            lines.add(Text.get("keepList.more", parsed.problems().size() - 5));
        }
        List<TokenRow> touched = new ArrayList<>(kept.added());
        touched.addAll(kept.switched());
        window.get().announce(touched, String.join("  ", lines), !parsed.problems().isEmpty());
    }

    private void show(ImportResult result) {
        if (result instanceof ImportResult.Unreadable unreadable) {
            window.get().reportProblem(Words.of(unreadable));
            return;
        }
        ImportResult.Read read = (ImportResult.Read) result;
        List<TokenRow> added = model.addSaved(read.accepted().stream().map(ImportedEntry.Accepted::token).toList());
        List<String> lines = new ArrayList<>();
        lines.add(Text.get("import.done", added.size()));
        read.entries().stream().map(Words::of).filter(s -> !s.isEmpty()).limit(5).forEach(lines::add);
        window.get().announce(added, String.join("  ", lines), added.size() < read.entries().size());
    }
}
