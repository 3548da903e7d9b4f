/**
 * Producing the answer: the prompt with retrieved context, the {@link dev.knowledgerouter.answer.ChatClient}
 * every model backend implements (backends in subpackages: {@code ollama}, {@code claude}), the
 * retrieval-only answer used when no model is available, and the
 * {@link dev.knowledgerouter.answer.Answerer}, the seam where fallback chains, escalation, caps and the
 * cost ledger plug in.
 */
package dev.knowledgerouter.answer;
