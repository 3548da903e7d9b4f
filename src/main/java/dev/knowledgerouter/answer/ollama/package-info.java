/**
 * Ollama as a model backend: its chat client (through LangChain4j, behind the per-host concurrency gate)
 * and its admin calls (the installed models, pulling one).
 */
package dev.knowledgerouter.answer.ollama;
