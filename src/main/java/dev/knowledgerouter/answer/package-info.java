/**
 * Producing the answer: the prompt with retrieved context, chat model clients (Ollama locally,
 * Claude remotely, both through LangChain4j), and the retrieval-only answer used when no model is
 * available. The {@link dev.knowledgerouter.answer.Answerer} is the seam where fallback chains,
 * escalation, caps and the cost ledger plug in.
 */
package dev.knowledgerouter.answer;
