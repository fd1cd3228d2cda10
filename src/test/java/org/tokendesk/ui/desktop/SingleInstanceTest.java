package org.tokendesk.ui.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

import org.tokendesk.store.AppHome;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SingleInstanceTest {
    @TempDir
    Path home;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void aSecondLaunchBringsTheFirstToFront() throws InterruptedException {
        SingleInstance first = first(SingleInstance.claim(home));
        CountDownLatch shown = new CountDownLatch(1);
        first.onAnotherLaunch(shown::countDown);

        assertInstanceOf(SingleInstance.Claim.AlreadyRunning.class, SingleInstance.claim(home));
        assertTrue(shown.await(10, TimeUnit.SECONDS));
    }

    @Test
    void launchesBeforeTheWindowExistsAreNotLost() {
        SingleInstance first = first(SingleInstance.claim(home));
        assertInstanceOf(SingleInstance.Claim.AlreadyRunning.class, SingleInstance.claim(home));
        assertInstanceOf(SingleInstance.Claim.AlreadyRunning.class, SingleInstance.claim(home));

        AtomicInteger runs = new AtomicInteger();
        first.onAnotherLaunch(runs::incrementAndGet);
        assertEquals(1, runs.get(), "the window comes to front once for the launches it missed");
    }

    @Test
    void differentHomesDoNotSeeEachOther() throws IOException {
        first(SingleInstance.claim(home.resolve("a")));
        first(SingleInstance.claim(home.resolve("b")));
    }

    @Test
    void theFolderIsFreeAgainAfterClose() {
        SingleInstance first = first(SingleInstance.claim(home));
        first.close();
        assertFalse(Files.exists(home.resolve(SingleInstance.PORT_FILE)));
        first(SingleInstance.claim(home));
    }

    @Test
    void leftoversOfACrashedInstanceDoNotBlock() throws Exception {
        Files.writeString(home.resolve(SingleInstance.LOCK_FILE), "");
        Files.writeString(home.resolve(SingleInstance.PORT_FILE), "1 0123456789abcdef\n");
        SingleInstance next = first(SingleInstance.claim(home));
        int port = next.awaitPort(Duration.ofSeconds(10));
        assertTrue(Files.readString(home.resolve(SingleInstance.PORT_FILE)).startsWith(port + " "));
    }

    @Test
    void aKilledInstanceReleasesItsLock() throws Exception {
        Process holder = java(HoldInstance.class.getName(), home.toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("FIRST", out.readLine());

        assertInstanceOf(SingleInstance.Claim.AlreadyRunning.class, SingleInstance.claim(home));
        holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        first(SingleInstance.claim(home));
    }

    @Test
    void theRealLauncherExitsWithZeroWhenTokenDeskRuns() throws Exception {
        SingleInstance first = first(SingleInstance.claim(AppHome.at(home).config()));
        CountDownLatch shown = new CountDownLatch(1);
        first.onAnotherLaunch(shown::countDown);

        Process second = java("org.tokendesk.Main");
        assertTrue(second.waitFor(20, TimeUnit.SECONDS), "second launch exits by itself");
        assertEquals(0, second.exitValue());
        assertTrue(shown.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aLockHolderThatDoesNotAnswerIsReportedNotWaitedOnForever() throws IOException {
        try (FileChannel channel = FileChannel.open(home.resolve(SingleInstance.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            assertInstanceOf(SingleInstance.Claim.Unknown.class, SingleInstance.claim(home, Duration.ofMillis(300)));
        }
    }

    @Test
    void strangersOnTheLoopbackPortCannotTriggerIt() throws Exception {
        SingleInstance first = first(SingleInstance.claim(home));
        AtomicInteger runs = new AtomicInteger();
        first.onAnotherLaunch(runs::incrementAndGet);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), first.awaitPort(Duration.ofSeconds(10)))) {
            s.getOutputStream().write("SHOW wrong-secret\n".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            assertEquals(-1, s.getInputStream().read(), "no OK for a wrong secret");
        }
        assertEquals(0, runs.get());
        assertInstanceOf(SingleInstance.Claim.AlreadyRunning.class, SingleInstance.claim(home));
    }

    private SingleInstance first(SingleInstance.Claim claim) {
        SingleInstance instance = assertInstanceOf(SingleInstance.Claim.First.class, claim).instance();
        open.add(instance);
        return instance;
    }

    private Process java(String... mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(mainAndArgs));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put(AppHome.HOME_VARIABLE, home.toString());
        Process p = pb.start();
        processes.add(p);
        return p;
    }
}
