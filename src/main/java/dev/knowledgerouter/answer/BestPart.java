package dev.knowledgerouter.answer;

import dev.knowledgerouter.knowledge.Bm25Terms;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * The part of a long passage worth keeping when it cannot be shown whole: the run of its lines and
 * sentences that shares the most words with the question (English analysis, as BM25 matches them)
 * within a budget, marked {@code [...]} where text was left out. On a tie the longer run wins, then
 * the earlier one; a passage that shares no word with the question keeps its beginning.
 */
final class BestPart {
    static final String GAP = "[...]";
    /** Lines, and sentences within a line; each piece keeps the whitespace after it. */
    private static final Pattern PIECES = Pattern.compile("(?<=\\n)|(?<=[.!?])(?=\\s+\\S)");

    private static final Bm25Terms TERMS = new Bm25Terms();

    private BestPart() {}

    /** {@code passage} with its text cut to its best part for {@code question}, costing at most {@code budget}. */
    static ContextPassage of(ContextPassage passage, String question, int budget, ToIntFunction<String> cost) {
        if (passage.title().equals(passage.answer())) {
            String cut = cut(passage.answer(), question, budget, cost);
            return new ContextPassage(passage.collection(), passage.id(), passage.score(), cut, cut);
        }
        int forAnswer = budget - cost.applyAsInt(passage.title() + "\n\n");
        String answer = forAnswer > 0 ? cut(passage.answer(), question, forAnswer, cost) : GAP;
        return new ContextPassage(passage.collection(), passage.id(), passage.score(), passage.title(), answer);
    }

    /** {@code text} itself when it costs at most {@code budget}, else its best part for {@code question}. */
    static String cut(String text, String question, int budget, ToIntFunction<String> cost) {
        if (cost.applyAsInt(text) <= budget) {
            return text;
        }
        List<String> pieces = pieces(text);
        Set<String> wanted = TERMS.ofQuery(question);
        int room = budget - 2 * cost.applyAsInt(" " + GAP);
        int[] costs = pieces.stream().mapToInt(cost).toArray();
        List<Set<String>> shared = pieces.stream().map(p -> shared(p, wanted)).toList();
        int bestFrom = -1;
        int bestTo = -1;
        int bestScore = -1;
        for (int from = 0; from < pieces.size(); from++) {
            Set<String> covered = new HashSet<>();
            int spent = 0;
            for (int to = from; to < pieces.size() && spent + costs[to] <= room; to++) {
                spent += costs[to];
                covered.addAll(shared.get(to));
                boolean better =
                        covered.size() > bestScore || (covered.size() == bestScore && to - from > bestTo - bestFrom);
                if (better) {
                    bestScore = covered.size();
                    bestFrom = from;
                    bestTo = to;
                }
            }
        }
        if (bestScore == 0) {
            // Nothing to go by: the beginning, as far as it goes.
            bestFrom = 0;
            bestTo = -1;
            for (int spent = 0; bestTo + 1 < pieces.size() && spent + costs[bestTo + 1] <= room; bestTo++) {
                spent += costs[bestTo + 1];
            }
        }
        if (bestFrom < 0 || bestTo < bestFrom) {
            return prefixOfBestPiece(pieces, shared, room, cost) + " " + GAP;
        }
        String kept = String.join("", pieces.subList(bestFrom, bestTo + 1)).strip();
        return (bestFrom > 0 ? GAP + " " : "") + kept + (bestTo < pieces.size() - 1 ? " " + GAP : "");
    }

    /** No whole piece fits: the beginning of the piece sharing the most words, as much as fits. */
    private static String prefixOfBestPiece(
            List<String> pieces, List<Set<String>> shared, int room, ToIntFunction<String> cost) {
        int best = 0;
        for (int i = 1; i < pieces.size(); i++) {
            if (shared.get(i).size() > shared.get(best).size()) {
                best = i;
            }
        }
        String piece = pieces.get(best).strip();
        int low = 0;
        int high = piece.length();
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (cost.applyAsInt(piece.substring(0, mid)) <= room) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return (best > 0 ? GAP + " " : "") + piece.substring(0, low).strip();
    }

    private static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        for (String p : PIECES.split(text)) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static Set<String> shared(String piece, Set<String> wanted) {
        Set<String> out = new HashSet<>();
        TERMS.forEach(piece, t -> {
            if (wanted.contains(t)) {
                out.add(t);
            }
        });
        return out;
    }
}
