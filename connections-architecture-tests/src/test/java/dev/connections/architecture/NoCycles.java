package dev.connections.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * No group of components (packages, top-level classes) depends on itself through the others. Each class checked adds
 * the dependencies of its component; at the end every strongly connected component of more than one is reported,
 * with one cycle through it and a dependency that makes each step of that cycle.
 *
 * <p>Written here rather than taken from ArchUnit's {@code slices().should().beFreeOfCycles()}: in ArchUnit 1.5.0 that
 * rule reported the two-class cycle {@code ConnectionService <-> OAuthFlow} when it looked at the public package of
 * core alone, and missed it when it looked at all of core (other cycles were found, that one was not).
 */
final class NoCycles extends ArchCondition<JavaClass> {

    private final Function<JavaClass, String> componentOf;
    /** By component, the components it depends on, each with the first dependency seen that makes the edge. */
    private final Map<String, Map<String, Dependency>> edges = new TreeMap<>();

    /**
     * @param between     what the components are, for the rule's text ("top-level classes of ...")
     * @param componentOf the component a class belongs to; null for a class outside every component
     */
    NoCycles(String between, Function<JavaClass, String> componentOf) {
        super("be free of cycles between " + between);
        this.componentOf = componentOf;
    }

    @Override
    public void init(Collection<JavaClass> all) {
        edges.clear();
    }

    @Override
    public void check(JavaClass c, ConditionEvents events) {
        String from = componentOf.apply(c);
        if (from == null) {
            return;
        }
        Map<String, Dependency> targets = edges.computeIfAbsent(from, k -> new TreeMap<>());
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
            String to = componentOf.apply(d.getTargetClass());
            if (to != null && !to.equals(from)) {
                targets.putIfAbsent(to, d);
            }
        }
    }

    @Override
    public void finish(ConditionEvents events) {
        for (Set<String> group : stronglyConnected()) {
            List<String> cycle = cycleThrough(group.iterator().next(), group);
            StringBuilder message = new StringBuilder("Cycle: ").append(String.join(" -> ", cycle));
            for (int i = 0; i + 1 < cycle.size(); i++) {
                message.append(System.lineSeparator()).append("    ")
                        .append(edges.get(cycle.get(i)).get(cycle.get(i + 1)).getDescription());
            }
            if (group.size() > cycle.size() - 1) {
                message.append(System.lineSeparator()).append("    (all of these depend on each other: ")
                        .append(group).append(")");
            }
            events.add(SimpleConditionEvent.violated(group, message.toString()));
        }
    }

    /** @return the groups of more than one component that reach each other (Tarjan), each sorted */
    private List<Set<String>> stronglyConnected() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> groups = new ArrayList<>();
        int[] next = {0};
        for (String start : edges.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, index, low, stack, onStack, groups, next);
            }
        }
        return groups;
    }

    private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                         Set<String> onStack, List<Set<String>> groups, int[] next) {
        index.put(v, next[0]);
        low.put(v, next[0]);
        next[0]++;
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Map.of()).keySet()) {
            if (!index.containsKey(w)) {
                connect(w, index, low, stack, onStack, groups, next);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> group = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                group.add(w);
            } while (!w.equals(v));
            if (group.size() > 1) {
                groups.add(group);
            }
        }
    }

    /** @return a shortest cycle from {@code start} back to it within the group, start repeated at the end */
    private List<String> cycleThrough(String start, Set<String> group) {
        Map<String, String> cameFrom = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String v = queue.poll();
            for (String w : edges.getOrDefault(v, Map.of()).keySet()) {
                if (w.equals(start)) {
                    List<String> cycle = new ArrayList<>(List.of(start));
                    for (String at = v; !at.equals(start); at = cameFrom.get(at)) {
                        cycle.add(1, at);
                    }
                    cycle.add(start);
                    return cycle;
                }
                if (group.contains(w) && !cameFrom.containsKey(w)) {
                    cameFrom.put(w, v);
                    queue.add(w);
                }
            }
        }
        throw new IllegalStateException("no cycle through " + start + " in " + group);
    }
}
