/**
 * The HTTP API (Javalin): routes, request parsing with clear 4xx errors as {@code {"error",
 * "message"}} JSON (OpenAI's error shape on the OpenAI-compatible endpoints), and the server
 * lifecycle. Handlers are thin: parse, call a service, write JSON.
 */
package dev.knowledgerouter.http;
