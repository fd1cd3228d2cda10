package org.tokendesk.protocol;

/** What reading one text frame gave: a frame, or the reason it is none. Never an exception. */
public sealed interface FrameRead {
    record Ok(Frame frame) implements FrameRead {
    }

    record Malformed(FrameProblem problem) implements FrameRead {
    }
}
