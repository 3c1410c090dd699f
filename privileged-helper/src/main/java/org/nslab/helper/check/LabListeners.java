package org.nslab.helper.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.nslab.engine.lab.ListenRequest;

/**
 * The listeners this process holds open for checks run on other machines, by lab and namespace. A socket keeps
 * the namespace it was made in alive after the namespace's name is deleted, so whatever removes a namespace closes
 * its listeners first ({@link #closeIn}): a teardown or re-apply then leaves no namespace alive until a time limit.
 */
public final class LabListeners {
    private final Set<CheckListener> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Listens in {@code netns} of {@code lab} until closed, its time limit, or {@link #closeIn} for that namespace. */
    public CheckListener open(String lab, String netns, ListenRequest request) {
        CheckListener listener = CheckListener.open(lab, netns, request, open::remove);
        open.add(listener);
        if (listener.isClosed()) open.remove(listener); // its time limit came first
        return listener;
    }

    /**
     * Closes the listeners of {@code lab} in the namespaces {@code netns} (kernel names), telling each client
     * {@code why}; returns how many were open.
     */
    public int closeIn(String lab, Collection<String> netns, String why) {
        List<CheckListener> closing = new ArrayList<>();
        for (CheckListener l : open) if (l.lab().equals(lab) && netns.contains(l.netns())) closing.add(l);
        closing.forEach(l -> l.closeBecause(why));
        return closing.size();
    }

    /** Closes every listener of {@code lab}. */
    public int closeAll(String lab, String why) {
        return closeIn(lab, open.stream().filter(l -> l.lab().equals(lab)).map(CheckListener::netns).toList(), why);
    }
}
