/**
 * Embedders: bge-small-en-v1.5 in process over ONNX ({@link
 * dev.knowledgerouter.knowledge.embedding.InProcessEmbedder}), Ollama models such as nomic-embed-text
 * ({@link dev.knowledgerouter.knowledge.embedding.OllamaEmbedder}), and an on-disk cache in front of either.
 */
package dev.knowledgerouter.knowledge.embedding;
