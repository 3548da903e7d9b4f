/**
 * Immutable configuration: records loaded once from {@code kr.yaml} and the environment, validated with
 * messages that name the offending key and the fix. Nothing here talks to the network or the store.
 */
package dev.knowledgerouter.config;
