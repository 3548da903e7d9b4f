/**
 * Claude as the remote model: its chat client over LangChain4j and the HTTP client that retries what
 * Anthropic's API says may be retried (429, 529, broken connections), with its policy.
 */
package dev.knowledgerouter.answer.claude;
