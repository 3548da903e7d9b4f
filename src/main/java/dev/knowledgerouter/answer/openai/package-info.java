/**
 * Any OpenAI-compatible server as a local model (llama.cpp's {@code llama-server}, LM Studio, vLLM,
 * Lemonade): its chat client (through LangChain4j's OpenAI module, behind the per-host concurrency gate)
 * and the models it serves ({@code /v1/models}).
 */
package dev.knowledgerouter.answer.openai;
