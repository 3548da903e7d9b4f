/**
 * The usage ledger of one router: monthly JSON-lines files under {@code $KR_HOME/usage}, with the holds
 * of calls in flight kept in memory. The embedded default.
 */
package dev.knowledgerouter.answer.fileledger;
