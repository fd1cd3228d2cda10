package org.tokendesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClassDataTrainingTest {
    /** The training goes down the paths users take: a token resolves, one is not registered, bad input, an https registry. */
    @Test
    void trainingRunsTheCliThroughItsUsualOutcomes() throws Exception {
        assertEquals(List.of(Cli.OK, Cli.NOT_REGISTERED, Cli.ERROR, Cli.ERROR), ClassDataTraining.train());
    }
}
