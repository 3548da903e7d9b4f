package dev.knowledgerouter.report;

import dev.knowledgerouter.learn.LocalResult;

/** One past interaction as the threshold replay sees it: what the router measured, and how the local route did. */
public record ReplayCase(double relevance, int complexity, LocalResult local) {}
