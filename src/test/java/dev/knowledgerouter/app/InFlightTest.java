package dev.knowledgerouter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class InFlightTest {
    final InFlight inFlight = new InFlight();
    /** Own threads: the common pool has a single thread on two cores, and these tasks block. */
    final ExecutorService threads = Executors.newCachedThreadPool();

    @org.junit.jupiter.api.AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void drainWaitsForRunningWorkToFinish() throws Exception {
        Queue<String> order = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> work = CompletableFuture.runAsync(
                () -> inFlight.run(() -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    order.add("work finished");
                    return null;
                }),
                threads);
        started.await();
        CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(
                () -> {
                    int left = inFlight.drain(Duration.ofSeconds(30));
                    order.add("drain returned");
                    return left;
                },
                threads);
        while (true) {
            try {
                inFlight.run(() -> null);
            } catch (InFlight.ShuttingDownException refused) {
                break;
            }
            Thread.onSpinWait();
        }
        release.countDown();
        assertEquals(0, drained.get());
        work.get();
        assertEquals(List.of("work finished", "drain returned"), List.copyOf(order));
    }

    @Test
    void workSubmittedAfterShutdownBeganIsRefused() {
        inFlight.drain(Duration.ZERO);
        assertThrows(InFlight.ShuttingDownException.class, () -> inFlight.run(() -> "late"));
    }

    @Test
    void drainGivesUpAfterItsTimeoutAndSaysHowManyAreLeft() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture.runAsync(
                () -> inFlight.run(() -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return null;
                }),
                threads);
        started.await();
        assertEquals(1, inFlight.drain(Duration.ofMillis(50)));
        release.countDown();
    }
}
