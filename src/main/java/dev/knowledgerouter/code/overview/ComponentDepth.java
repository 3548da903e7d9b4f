package dev.knowledgerouter.code.overview;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dependency depth of each folder in a graph of folders that import each other: 0 for a folder that imports no
 * other, else one more than the deepest folder it imports. Folders that import each other, directly or round a
 * cycle, are one unit and share a depth (Tarjan's strongly connected components, iteratively, so a long chain of
 * folders cannot overflow the stack).
 */
final class ComponentDepth {
    private final Map<String, Set<String>> edges;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final Map<String, Integer> unit = new HashMap<>();
    private final List<List<String>> units = new ArrayList<>();
    private int counter;

    private ComponentDepth(Map<String, Set<String>> edges) {
        this.edges = edges;
    }

    /** Depth per folder; every folder named as a key or a target gets one. */
    static Map<String, Integer> of(Map<String, Set<String>> edges) {
        Set<String> all = new TreeSet<>(edges.keySet());
        edges.values().forEach(all::addAll);
        ComponentDepth run = new ComponentDepth(edges);
        for (String folder : all) {
            if (!run.index.containsKey(folder)) {
                run.connect(folder);
            }
        }
        // Tarjan finishes a unit only after every unit it reaches: in this order, successors come first.
        List<Integer> depthOfUnit = new ArrayList<>();
        Map<String, Integer> depth = new TreeMap<>();
        for (int u = 0; u < run.units.size(); u++) {
            int d = 0;
            for (String folder : run.units.get(u)) {
                for (String next : edges.getOrDefault(folder, Set.of())) {
                    int other = run.unit.get(next);
                    if (other != u) {
                        d = Math.max(d, depthOfUnit.get(other) + 1);
                    }
                }
            }
            depthOfUnit.add(d);
            for (String folder : run.units.get(u)) {
                depth.put(folder, d);
            }
        }
        return depth;
    }

    private void connect(String start) {
        Deque<Frame> frames = new ArrayDeque<>();
        enter(start, frames);
        while (!frames.isEmpty()) {
            Frame frame = frames.peek();
            if (frame.next < frame.successors.size()) {
                String next = frame.successors.get(frame.next++);
                if (!index.containsKey(next)) {
                    enter(next, frames);
                } else if (onStack.contains(next)) {
                    low.put(frame.folder, Math.min(low.get(frame.folder), index.get(next)));
                }
                continue;
            }
            frames.pop();
            if (!frames.isEmpty()) {
                String parent = frames.peek().folder;
                low.put(parent, Math.min(low.get(parent), low.get(frame.folder)));
            }
            if (low.get(frame.folder).equals(index.get(frame.folder))) {
                List<String> members = new ArrayList<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    unit.put(member, units.size());
                    members.add(member);
                } while (!member.equals(frame.folder));
                units.add(members);
            }
        }
    }

    private void enter(String folder, Deque<Frame> frames) {
        index.put(folder, counter);
        low.put(folder, counter);
        counter++;
        stack.push(folder);
        onStack.add(folder);
        frames.push(new Frame(folder, new ArrayList<>(edges.getOrDefault(folder, Set.of()))));
    }

    private static final class Frame {
        final String folder;
        final List<String> successors;
        int next;

        Frame(String folder, List<String> successors) {
            this.folder = folder;
            this.successors = successors;
        }
    }
}
