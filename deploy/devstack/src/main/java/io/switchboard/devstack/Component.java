package io.switchboard.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** One thing the devstack started: what to show in the table, which processes it owns, how to stop it. */
final class Component {

    final String name;
    final String url;
    final Path log;
    private final long startNanos = System.nanoTime();
    /** Processes started for this component (roots and what they started), recorded in .devstack/pids. */
    final List<ProcessHandle> processes = new CopyOnWriteArrayList<>();
    volatile String state = "starting";
    volatile String detail = "";
    volatile double seconds;
    volatile AutoCloseable stopper;

    Component(String name, String url, Path log) {
        this.name = name;
        this.url = url;
        this.log = log;
    }

    void ready() {
        seconds = (System.nanoTime() - startNanos) / 1e9;
        state = "ready";
    }

    void failed(String why) {
        seconds = (System.nanoTime() - startNanos) / 1e9;
        state = "FAILED";
        detail = why;
    }

    boolean isReady() {
        return "ready".equals(state);
    }

    /** Records {@code root} and everything it has started so far. */
    void own(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        tree.addAll(root.descendants().toList());
        for (ProcessHandle p : tree) {
            if (p.info().command().map(c -> c.endsWith("/sleep")).orElse(false)) {
                continue; // a wrapper script's one-second sleep
            }
            if (processes.stream().noneMatch(known -> known.pid() == p.pid())) {
                processes.add(p);
            }
        }
    }

    /** The live processes of this component, including any started after {@link #own}. */
    Set<ProcessHandle> liveTree() {
        Set<ProcessHandle> live = new LinkedHashSet<>();
        for (ProcessHandle p : processes) {
            if (p.isAlive()) {
                live.add(p);
                p.descendants().forEach(live::add);
            }
        }
        return live;
    }

    String pids() {
        return String.join(",", processes.stream().map(p -> Long.toString(p.pid())).toList());
    }
}
