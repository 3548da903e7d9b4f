package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.App;
import dev.knowledgerouter.app.ServerAnnouncement;
import dev.knowledgerouter.report.weekly.WeeklyReports;
import io.javalin.Javalin;
import java.nio.file.Path;

/**
 * Stops a {@code kr serve} once, in order: jobs and requests reach a safe point while the listener is
 * still up (so no request thread is cut off inside a store write), then the listener stops, the
 * announcement goes, and the store and embedder close. A second caller waits for the first to finish.
 */
final class ServerStop implements Runnable {
    private final App app;
    private final Path serverFile;
    private Javalin http;
    private ServerAnnouncement announcement;
    private WeeklyReports weekly;
    private boolean done;

    ServerStop(App app, Path serverFile) {
        this.app = app;
        this.serverFile = serverFile;
    }

    synchronized void serving(Javalin listener, ServerAnnouncement announced) {
        this.http = listener;
        this.announcement = announced;
    }

    /** The scheduled weekly report, stopped first: a run still on the store is then waited for by the drain. */
    synchronized void scheduling(WeeklyReports reports) {
        this.weekly = reports;
    }

    @Override
    public synchronized void run() {
        if (done) {
            return;
        }
        done = true;
        try {
            if (weekly != null) {
                weekly.close();
            }
            app.drain();
            if (http != null) {
                http.stop();
            }
        } finally {
            try {
                if (announcement != null) {
                    announcement.withdraw(serverFile);
                }
            } finally {
                app.close();
            }
        }
    }
}
