package org.tokendesk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Reads a file a child process writes, as it grows, until the child has ended and all is read. */
final class TailInput extends InputStream {
    private final RandomAccessFile file;
    private final Process child;

    TailInput(Path path, Process child) throws IOException {
        this.file = new RandomAccessFile(path.toFile(), "r");
        this.child = child;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        for (int i = 0; i < 60_000; i++) {
            int n = file.read(b, off, len);
            if (n > 0) {
                return n;
            }
            if (!child.isAlive() && file.getFilePointer() >= file.length()) {
                return -1;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
