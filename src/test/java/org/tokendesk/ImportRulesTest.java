package org.tokendesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.tokendesk.testing.ImportRules;

/** README's layering holds in the main sources, and the checker would notice if it did not. */
class ImportRulesTest {

    @Test
    void mainSourcesKeepTheLayering() {
        Map<String, String> sources = ImportRules.mainSources();
        assertTrue(sources.size() > 100, "found the main sources: " + sources.size());
        assertEquals(List.of(), ImportRules.violations(sources));
    }

    @Test
    void javafxOrAwtInADomainPackageIsCaught() {
        Map<String, String> sources = Map.of(
                "org/tokendesk/probe/Probe.java", "package org.tokendesk.probe;\nimport javafx.scene.Scene;\nclass Probe {}",
                "org/tokendesk/store/Store.java", "package org.tokendesk.store;\nclass Store { java.awt.Color c; }",
                "org/tokendesk/ui/main/View.java", "package org.tokendesk.ui.main;\nimport javafx.scene.Scene;\nimport java.awt.Toolkit;\nclass View {}");
        List<String> found = ImportRules.violations(sources);
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("org/tokendesk/probe/Probe.java: javafx.scene"), found.toString());
        assertTrue(found.get(1).startsWith("org/tokendesk/store/Store.java: java.awt"), found.toString());
    }

    @Test
    void aCycleIsCaughtThroughImportsAndQualifiedNames() {
        Map<String, String> sources = Map.of(
                "org/tokendesk/a/A.java", "package org.tokendesk.a;\nimport org.tokendesk.b.B;\nclass A {}",
                "org/tokendesk/b/B.java", "package org.tokendesk.b;\nclass B { Object c = new org.tokendesk.c.C(); }",
                "org/tokendesk/c/C.java", "package org.tokendesk.c;\nimport static org.tokendesk.a.A.thing;\nclass C {}",
                "org/tokendesk/d/D.java", "package org.tokendesk.d;\nimport org.tokendesk.a.A;\nclass D {}");
        assertEquals(List.of("package cycle among org.tokendesk.a, org.tokendesk.b, org.tokendesk.c"), ImportRules.violations(sources));
    }

    @Test
    void textInADomainPackageIsCaughtButCommentsAndStringsDoNotCount() {
        Map<String, String> sources = Map.of(
                "org/tokendesk/export/E.java", "package org.tokendesk.export;\nimport org.tokendesk.i18n.Text;\nclass E {}",
                "org/tokendesk/i18n/Text.java", "package org.tokendesk.i18n;\nclass Text {}",
                "org/tokendesk/token/T.java", "package org.tokendesk.token;\n/** See {@link org.tokendesk.ui.main.View}. */\n"
                        + "class T { String s = \"javafx.scene.Scene org.tokendesk.cli.Cli\"; // java.awt.Color\n}",
                "org/tokendesk/ui/main/View.java", "package org.tokendesk.ui.main;\nclass View {}",
                "org/tokendesk/cli/Cli.java", "package org.tokendesk.cli;\nclass Cli {}");
        assertEquals(List.of("org/tokendesk/export/E.java: the domain package org.tokendesk.export depends on org.tokendesk.i18n"),
                ImportRules.violations(sources));
    }

    @Test
    void theEntryPointAndTheVersionDoNotMakeTheRootPackageACycle() {
        Map<String, String> sources = Map.of(
                "org/tokendesk/Main.java", "package org.tokendesk;\nimport org.tokendesk.cli.Cli;\nclass Main {}",
                "org/tokendesk/Version.java", "package org.tokendesk;\nclass Version {}",
                "org/tokendesk/cli/Cli.java", "package org.tokendesk.cli;\nimport org.tokendesk.discovery.D;\nclass Cli {}",
                "org/tokendesk/discovery/D.java", "package org.tokendesk.discovery;\nimport org.tokendesk.Version;\nclass D {}");
        assertEquals(List.of(), ImportRules.violations(sources));
    }
}
